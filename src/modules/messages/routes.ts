// HTTP for a need's masked thread: the group's side (the volunteer holding the claim and the
// group's coordinators) by need id, the requester's side by the status link's token (in the
// body, never in a URL). parse (contract) -> check (policy, in config; the claim in the route)
// -> act (store) -> present; then the other side is told by email.
import type { FastifyBaseLogger } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Language } from "../../lib/i18n";
import type { MailMessage } from "../../lib/mail";
import { MINUTE, perIp, registerRateLimits } from "../../lib/rate-limit";
import { hashToken, isWellFormedToken } from "../../lib/tokens";
import { Problem } from "../../server/problem";
import type { Viewer } from "../../server/viewer";
import { isClosed } from "../exchange/model";
import * as needsStore from "../exchange/store";
import { type GroupRow, getGroup } from "../groups/store";
import * as c from "./contract";
import { languageOf, mailToGroup, mailToRequester } from "./mail";
import { messagesPolicy as p, threadRole } from "./policy";
import { presentMessage, presentThread } from "./present";
import * as store from "./store";

export const LIMITS = {
  /** Reading the thread through the status link, like the status page itself. */
  threadPerIp: { max: 60, windowMs: MINUTE },
  /** Writing through the status link: a person typing, not a script. */
  sendPerIp: { max: 20, windowMs: MINUTE },
};

type NeedRow = needsStore.NeedRow;

/** A closed need, or one whose personal data is redacted, takes no new messages. */
function threadOpen(need: NeedRow): boolean {
  return !isClosed(need.status) && need.redactedAt === null;
}

export const messageRoutes: FastifyPluginAsyncZod = async (app) => {
  await registerRateLimits(app);
  const scale = app.config.rateLimitScale;
  const db = app.database.db;

  // Everything here is personal: never cached by a browser or a proxy.
  app.addHook("onSend", async (_request, reply) => {
    reply.header("cache-control", "no-store");
  });

  async function loadGroup(groupId: string): Promise<GroupRow> {
    const group = await getGroup(db, groupId);
    if (!group) throw new Problem(404, "group_not_found");
    return group;
  }

  /** The need of this group, its group, and how the viewer takes part in its thread. */
  async function loadThread(request: {
    params: { groupId: string; needId: string };
    viewer: Viewer;
  }) {
    const { groupId, needId } = request.params;
    const need = await needsStore.getNeed(db, needId);
    if (!need || need.groupId !== groupId) throw new Problem(404, "need_not_found");
    const group = await loadGroup(groupId);
    const claim = await needsStore.activeClaimOf(db, need.id);
    const role = threadRole(request.viewer, group, claim);
    if (!role) throw new Problem(403, "not_in_thread");
    return { need, group, claim, role, userId: request.viewer.user?.id as string };
  }

  /** The need behind a status link; a malformed, forged or unknown token is the same 404. */
  async function needByToken(token: string): Promise<NeedRow> {
    const need = isWellFormedToken(token)
      ? await needsStore.needByStatusTokenHash(db, hashToken(token))
      : null;
    if (!need) throw new Problem(404, "status_link_invalid");
    return need;
  }

  /** Mail failures are logged, never undo the message (it is in the thread either way). */
  async function deliver(log: FastifyBaseLogger, mails: MailMessage[]) {
    for (const mail of mails) {
      try {
        await app.mailer.send(mail);
      } catch (err) {
        log.warn({ err }, "message notification not sent");
      }
    }
  }

  /** A message from the group's side: the requester hears of it if they gave an email. */
  async function tellRequester(
    log: FastifyBaseLogger,
    need: NeedRow,
    group: GroupRow,
    message: store.ThreadMessage & { authorKind: "volunteer" | "coordinator" },
  ) {
    if (!need.contactEmail) return;
    const language: Language = languageOf(need.languages, group.languages);
    await deliver(log, [mailToRequester(language, need.contactEmail, message, need, group)]);
  }

  /** A message from the requester: the volunteer holding the claim, or else the coordinators. */
  async function tellGroup(log: FastifyBaseLogger, need: NeedRow, group: GroupRow, body: string) {
    const claim = await needsStore.activeClaimOf(db, need.id);
    const claimer = claim ? await store.person(db, claim.volunteerId) : null;
    const recipients = claimer ? [claimer] : await store.coordinatorsOf(db, group.id);
    const link = `${app.config.publicUrl}/groups/${group.id}/needs/${need.id}`;
    const mails: MailMessage[] = [];
    for (const person of recipients) {
      if (!person.email) continue;
      const language = languageOf(person.languages, group.languages);
      mails.push(
        mailToGroup(
          language,
          { email: person.email, name: person.name },
          { body },
          need,
          group,
          link,
        ),
      );
    }
    await deliver(log, mails);
  }

  app.get(
    "/groups/:groupId/needs/:needId/messages",
    {
      config: { policy: p.readThread },
      schema: {
        tags: ["messages"],
        summary:
          "A need's thread with its requester (the volunteer holding the claim, and the group's coordinators); first names only, never contact details",
        params: c.threadParams,
        response: { 200: c.threadResponse },
      },
    },
    async (request) => {
      const { need, userId } = await loadThread(request);
      const messages = await store.threadOf(db, need.id);
      return presentThread(need, threadOpen(need), messages, { kind: "group", userId });
    },
  );

  app.post(
    "/groups/:groupId/needs/:needId/messages",
    {
      config: { policy: p.postMessage },
      schema: {
        tags: ["messages"],
        summary:
          "Write to the requester through the thread (the volunteer holding the claim, or a coordinator); the requester is told by email if they gave one",
        params: c.threadParams,
        body: c.postMessageRequest,
        response: { 201: c.postMessageResponse },
      },
    },
    async (request, reply) => {
      const { need, group, role, userId } = await loadThread(request);
      if (!threadOpen(need)) throw new Problem(409, "thread_closed");
      const message = await store.addMessage(
        db,
        { needId: need.id, authorKind: role, authorId: userId, body: request.body.body },
        app.clock(),
      );
      await tellRequester(request.log, need, group, { ...message, authorKind: role });
      return reply.code(201).send(presentMessage(message, { kind: "group", userId }));
    },
  );

  app.post(
    "/needs/status/messages",
    {
      config: { policy: p.readThreadByToken, rateLimit: perIp(LIMITS.threadPerIp, scale) },
      schema: {
        tags: ["messages"],
        summary: "The requester's thread with the group, through the status link's token",
        body: c.threadByTokenRequest,
        response: { 200: c.threadResponse },
      },
    },
    async (request) => {
      const need = await needByToken(request.body.token);
      const messages = await store.threadOf(db, need.id);
      return presentThread(need, threadOpen(need), messages, { kind: "requester" });
    },
  );

  app.post(
    "/needs/status/messages/send",
    {
      config: { policy: p.postMessageByToken, rateLimit: perIp(LIMITS.sendPerIp, scale) },
      schema: {
        tags: ["messages"],
        summary:
          "The requester writes to the group through the status link; the volunteer holding the claim (or else the coordinators) is told by email",
        body: c.postMessageByTokenRequest,
        response: { 201: c.postMessageResponse },
      },
    },
    async (request, reply) => {
      const need = await needByToken(request.body.token);
      if (!threadOpen(need)) throw new Problem(409, "thread_closed");
      const group = await loadGroup(need.groupId);
      const message = await store.addMessage(
        db,
        {
          needId: need.id,
          authorKind: "requester",
          // A requester with an account is recorded as the author; an anonymous one is not.
          authorId: need.requesterId,
          body: request.body.body,
        },
        app.clock(),
      );
      await tellGroup(request.log, need, group, message.body);
      return reply.code(201).send(presentMessage(message, { kind: "requester" }));
    },
  );
};
