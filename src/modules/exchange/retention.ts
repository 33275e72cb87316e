// Retention: the SQL that redacts personal data of needs and offers closed longer than their
// group keeps it.
import { sql } from "drizzle-orm";
import type { Db } from "../../db/connect";
import { groups } from "../groups/schema";
import { MODE_DEFAULTS } from "../groups/settings";
import { needs, offers } from "./schema";

// The group's own choice, else its mode's default (from the same table the app uses).
const retentionDays = sql.raw(
  `coalesce((g.settings->>'retentionDays')::int, case g.mode ${Object.entries(MODE_DEFAULTS)
    .map(([mode, s]) => `when '${mode}' then ${s.retentionDays}`)
    .join(" ")} end)`,
);

/** Rows (aliased `alias`, their group `g`) closed longer than the group keeps personal data. */
function pastRetention(alias: "n" | "o", now: Date) {
  const a = sql.raw(alias);
  return sql`${a}.closed_at is not null
      and ${a}.redacted_at is null
      and ${a}.closed_at < ${now}::timestamptz - make_interval(days => ${retentionDays})`;
}

const idsOf = (result: unknown) => (result as { rows: { id: string }[] }).rows.map((r) => r.id);

/**
 * Redacts exact place, contact, description and private notes of closed needs past retention;
 * keeps what statistics need (category, urgency, household size, H3 cells, status, dates).
 * Returns the ids of the needs redacted.
 */
export async function redactExpiredNeeds(db: Db, now: Date): Promise<string[]> {
  const redacted = await db.execute(sql`
    update ${needs} as n set
      description = '',
      lat = null, lng = null, location_text = null,
      contact_name = null, contact_email = null, contact_phone = null, contact_hash = null,
      sensitive_notes = null, redacted_at = ${now}
    from ${groups} as g
    where g.id = n.group_id and ${pastRetention("n", now)}
    returning n.id`);
  return idsOf(redacted);
}

/**
 * The same for offers (used up or withdrawn): exact place, contact, description and availability
 * go; category, kind, languages, uses, H3 cells, status and dates stay. Returns the ids redacted.
 */
export async function redactExpiredOffers(db: Db, now: Date): Promise<string[]> {
  const redacted = await db.execute(sql`
    update ${offers} as o set
      description = '', availability = null,
      lat = null, lng = null, location_text = null,
      contact_name = null, contact_email = null, contact_phone = null, contact_hash = null,
      redacted_at = ${now}
    from ${groups} as g
    where g.id = o.group_id and ${pastRetention("o", now)}
    returning o.id`);
  return idsOf(redacted);
}
