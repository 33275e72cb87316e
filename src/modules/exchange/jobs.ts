// The exchange's background work: a reminder at 75 % of a claim's time, the claim's expiry
// (the need goes back to the queue, coordinators are told), and the retention purge.
import { and, eq, inArray } from "drizzle-orm";
import type { FastifyBaseLogger } from "fastify";
import type { Db } from "../../db/connect";
import { isLanguage, type Language, translate } from "../../lib/i18n";
import type { Mailer } from "../../lib/mail";
import type { EventBus } from "../../server/events";
import { users } from "../accounts/schema";
import { effectiveSettings } from "../groups/model";
import { groups, memberships } from "../groups/schema";
import type { JobHandlers } from "../jobs/runner";
import { enqueue } from "../jobs/store";
import { deleteThreads } from "../messages/store";
import { announce } from "./live";
import { redactExpiredNeeds, redactExpiredOffers } from "./retention";
import { claims, needs } from "./schema";
import { endClaim, JOB } from "./store";

export { JOB } from "./store";

const HOUR = 3600 * 1000;

/** The next hourly retention pass (one job per hour, whichever instance takes it). */
export async function scheduleRetention(db: Db, now: Date): Promise<void> {
  const next = new Date(Math.floor(now.getTime() / HOUR) * HOUR + HOUR);
  await enqueue(db, {
    kind: JOB.retention,
    runAt: next,
    dedupeKey: `retention:${next.toISOString()}`,
  });
}

function claimIdOf(payload: unknown): string {
  const id = (payload as { claimId?: unknown } | null)?.claimId;
  if (typeof id !== "string") throw new Error("job payload has no claimId");
  return id;
}

async function claimDetails(db: Db, claimId: string) {
  const [row] = await db
    .select({
      status: claims.status,
      expiresAt: claims.expiresAt,
      needId: claims.needId,
      volunteerName: users.name,
      volunteerEmail: users.email,
      volunteerLanguages: users.languages,
      category: needs.category,
      groupId: groups.id,
      groupName: groups.name,
      groupMode: groups.mode,
      groupSettings: groups.settings,
    })
    .from(claims)
    .innerJoin(users, eq(users.id, claims.volunteerId))
    .innerJoin(needs, eq(needs.id, claims.needId))
    .innerJoin(groups, eq(groups.id, needs.groupId))
    .where(eq(claims.id, claimId));
  return row ?? null;
}

function languageOf(languages: string[]): Language {
  const first = languages[0];
  return isLanguage(first) ? first : "en";
}

export interface ExchangeJobDeps {
  mailer: Mailer;
  publicUrl: string;
  /** Live board updates; absent in tests that do not watch them. */
  events?: EventBus;
  log?: Pick<FastifyBaseLogger, "warn">;
}

export function exchangeJobHandlers(deps: ExchangeJobDeps): JobHandlers {
  const link = (groupId: string) => `${deps.publicUrl}/groups/${groupId}`;
  return {
    [JOB.reminder]: async (payload, { db, now }) => {
      const claim = await claimDetails(db, claimIdOf(payload));
      // Released or expired meanwhile, or nobody to write to: nothing to remind.
      if (claim?.status !== "active" || now >= claim.expiresAt || !claim.volunteerEmail) return;
      const lang = languageOf(claim.volunteerLanguages);
      const params = {
        name: claim.volunteerName,
        category: translate(lang, `exchange.categories.${claim.category}`),
        group: claim.groupName,
        expiresAt: claim.expiresAt.toLocaleString(lang, {
          dateStyle: "full",
          timeStyle: "short",
          timeZone: "UTC",
        }),
        link: link(claim.groupId),
      };
      await deps.mailer.send({
        to: claim.volunteerEmail,
        subject: translate(lang, "notifications.claimReminder.subject", params),
        text: translate(lang, "notifications.claimReminder.text", params),
      });
    },

    [JOB.expiry]: async (payload, { db, now }) => {
      const claimId = claimIdOf(payload);
      const claim = await claimDetails(db, claimId);
      if (claim?.status !== "active" || now < claim.expiresAt) return;
      const policy = effectiveSettings(claim.groupMode, claim.groupSettings);
      const ended = await endClaim(
        db,
        claimId,
        "expire",
        { kind: "system", id: null },
        policy,
        now,
      );
      if (!ended.ok) return; // someone released it a moment ago
      if (deps.events) {
        await announce(deps.events, deps.log ?? console, claim.groupId, "need.released", {
          id: ended.needId,
          status: ended.to,
        });
      }
      const coordinators = await db
        .select({ name: users.name, email: users.email, languages: users.languages })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(
          and(
            eq(memberships.groupId, claim.groupId),
            eq(memberships.status, "active"),
            inArray(memberships.role, ["coordinator", "admin"]),
          ),
        );
      for (const person of coordinators) {
        if (!person.email) continue;
        const lang = languageOf(person.languages);
        const params = {
          name: person.name,
          category: translate(lang, `exchange.categories.${claim.category}`),
          group: claim.groupName,
          link: link(claim.groupId),
        };
        await deps.mailer.send({
          to: person.email,
          subject: translate(lang, "notifications.claimExpired.subject", params),
          text: translate(lang, "notifications.claimExpired.text", params),
        });
      }
    },

    [JOB.retention]: async (_payload, { db, now }) => {
      const redacted = await redactExpiredNeeds(db, now);
      // Their message threads are personal data too.
      await deleteThreads(db, redacted);
      await redactExpiredOffers(db, now);
      await scheduleRetention(db, now);
    },
  };
}
