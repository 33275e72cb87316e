// The flow around a claimed need: fulfilling with what moved (the exchange record), closing
// with a reason, the history on the need's page, the requester adding details and confirming
// through the status link, and where a need came from. Every refusal is translated and
// changes nothing.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app";
import { createPerson, networkAdmin, type Person } from "../../../test/people";
import { translate } from "../../lib/i18n";
import { exchangeRecords, needs } from "./schema";
import { needHistory } from "./store";

let t: TestApp;
let admin: Person;
let groupId: string;
let volunteer: Person;
let second: Person;
let coordinator: Person;
let member: Person;

const tokenOf = (statusUrl: string) => statusUrl.split("#")[1] as string;

async function newNeed(
  options: { as?: Person; description?: string } = {},
): Promise<{ id: string; token: string }> {
  const res = await t.app.inject({
    method: "POST",
    url: `/api/v1/groups/${groupId}/needs`,
    headers: options.as?.headers ?? {},
    payload: {
      category: "groceries",
      description: options.description ?? `Groceries for a family ${Math.random()}`,
      contact: { name: "Rosa", phone: "+1 650 555 0101", channel: "sms" },
    },
  });
  expect(res.statusCode).toBe(201);
  return { id: res.json().id, token: tokenOf(res.json().statusUrl) };
}

function act(
  person: Person,
  needId: string,
  action: string,
  payload?: Record<string, unknown>,
  language = "en",
) {
  return t.app.inject({
    method: "POST",
    url: `/api/v1/groups/${groupId}/needs/${needId}/${action}`,
    headers: { ...person.headers, "accept-language": language },
    ...(payload ? { payload } : {}),
  });
}

const byToken = (path: string, payload: Record<string, unknown>, language = "en") =>
  t.app.inject({
    method: "POST",
    url: `/api/v1/needs/status/${path}`,
    headers: { "accept-language": language },
    payload,
  });

async function row(needId: string) {
  const [need] = await t.database.db.select().from(needs).where(eq(needs.id, needId));
  if (!need) throw new Error("no need");
  return need;
}

const recordsOf = (needId: string) =>
  t.database.db.select().from(exchangeRecords).where(eq(exchangeRecords.needId, needId));

const actions = async (needId: string) =>
  (await needHistory(t.database.db, needId)).map((e) => e.action);

beforeAll(async () => {
  t = await createTestApp({ env: { MUTUO_RATE_LIMIT_SCALE: "1000" } });
  admin = await networkAdmin(t);
  groupId = (
    await t.app.inject({
      method: "POST",
      url: `/api/v1/networks/${t.networkId}/groups`,
      headers: admin.headers,
      payload: { name: "Flow", mode: "mutual_aid", timeZone: "UTC" },
    })
  ).json().id;
  volunteer = await createPerson(t, { groups: { [groupId]: "volunteer" } });
  second = await createPerson(t, { groups: { [groupId]: "volunteer" } });
  coordinator = await createPerson(t, { groups: { [groupId]: "coordinator" } });
  member = await createPerson(t, { groups: { [groupId]: "member" } });
});

afterAll(async () => {
  await t.app.close();
});

describe("where a need came from", () => {
  it("is 'form' without an account and 'member' from a signed-in person", async () => {
    const anonymous = await newNeed();
    expect((await row(anonymous.id)).source).toBe("form");
    const mine = await newNeed({ as: member });
    const need = await row(mine.id);
    expect(need.source).toBe("member");
    expect(need.requesterId).toBe(member.id);
  });
});

describe("fulfilling with what moved", () => {
  it("records giver, receiver, recorder and what moved in the fulfil transaction", async () => {
    const need = await newNeed({ as: member });
    expect((await act(volunteer, need.id, "claim")).statusCode).toBe(200);
    const done = await act(volunteer, need.id, "fulfil", {
      reason: "Delivered",
      minutes: 45,
      goods: "Two bags of groceries",
      amount: 12.5,
      currency: "USD",
    });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toEqual({ id: need.id, status: "fulfilled" });
    const [record, ...more] = await recordsOf(need.id);
    expect(more).toHaveLength(0);
    expect(record).toMatchObject({
      groupId,
      category: "groceries",
      giverId: volunteer.id,
      receiverId: member.id,
      recordedBy: volunteer.id,
      minutes: 45,
      goods: "Two bags of groceries",
      amountCents: 1250,
      currency: "USD",
    });
  });

  it("an anonymous requester is a null receiver; nothing said is nulls; a coordinator records", async () => {
    const need = await newNeed();
    await act(volunteer, need.id, "claim");
    expect((await act(coordinator, need.id, "fulfil")).statusCode).toBe(200);
    const [record] = await recordsOf(need.id);
    expect(record).toMatchObject({
      giverId: volunteer.id,
      receiverId: null,
      recordedBy: coordinator.id,
      minutes: null,
      goods: null,
      amountCents: null,
      currency: null,
    });
  });

  it("money without a currency, negative minutes, odd amounts: translated 400, nothing changed", async () => {
    const need = await newNeed();
    await act(volunteer, need.id, "claim");
    const bad: [Record<string, unknown>, string][] = [
      [{ amount: 10 }, "currency"],
      [{ currency: "USD" }, "amount"],
      [{ minutes: -5 }, "minutes"],
      [{ minutes: 1.5 }, "minutes"],
      [{ amount: 1.234, currency: "USD" }, "amount"],
      [{ amount: -3, currency: "USD" }, "amount"],
      [{ amount: 3, currency: "dollars" }, "currency"],
      [{ goods: "   " }, "goods"],
      [{ goods: "x".repeat(501) }, "goods"],
      [{ paidBy: "me" }, ""],
    ];
    for (const [payload, field] of bad) {
      const res = await act(volunteer, need.id, "fulfil", payload, "es");
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      const problem = res.json();
      expect(problem.code).toBe("validation_failed");
      expect(problem.title).toBe(translate("es", "problem.validation_failed.title"));
      if (field) {
        expect(problem.errors.map((e: { pointer: string }) => e.pointer)).toContain(`#/${field}`);
      }
    }
    const noCurrency = await act(volunteer, need.id, "fulfil", { amount: 10 }, "es");
    expect(noCurrency.json().errors[0].detail).toBe(
      translate("es", "field.board_currency_required"),
    );
    expect((await row(need.id)).status).toBe("claimed");
    expect(await recordsOf(need.id)).toHaveLength(0);
  });

  it("a volunteer not holding the claim cannot fulfil, and no record is made", async () => {
    const need = await newNeed();
    await act(volunteer, need.id, "claim");
    const res = await act(second, need.id, "fulfil", { minutes: 10 });
    expect(res.statusCode).toBe(403);
    expect(await recordsOf(need.id)).toHaveLength(0);
  });
});

describe("closing a need with a reason", () => {
  it("coordinators cancel and refer; the reason is in the history, the claim ends", async () => {
    const cancelled = await newNeed();
    await act(volunteer, cancelled.id, "claim");
    const res = await act(coordinator, cancelled.id, "close", {
      action: "cancel",
      reason: "Asked twice by phone",
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: cancelled.id, status: "cancelled" });
    const history = await needHistory(t.database.db, cancelled.id);
    expect(history.at(-1)).toMatchObject({
      action: "cancel",
      actorKind: "coordinator",
      reason: "Asked twice by phone",
    });
    expect((await row(cancelled.id)).closedAt).not.toBeNull();
    // The claim is over: the volunteer no longer sees the contact.
    const seen = await t.app.inject({
      method: "GET",
      url: `/api/v1/groups/${groupId}/needs/${cancelled.id}`,
      headers: volunteer.headers,
    });
    expect(seen.json().contact).toBeUndefined();

    const referred = await newNeed();
    const refer = await act(coordinator, referred.id, "close", {
      action: "refer",
      reason: "Food bank on 5th",
    });
    expect(refer.json().status).toBe("referred");
  });

  it("the volunteer holding it may mark it unreachable, but not cancel or refer", async () => {
    const need = await newNeed();
    await act(volunteer, need.id, "claim");
    for (const action of ["cancel", "refer"]) {
      const res = await act(volunteer, need.id, "close", { action, reason: "x" }, "es");
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe("board_close_coordinators_only");
      expect(res.json().title).toBe(translate("es", "problem.board_close_coordinators_only.title"));
    }
    // Another volunteer, not holding it, cannot mark it unreachable.
    const other = await act(second, need.id, "close", { action: "mark_unreachable", reason: "x" });
    expect(other.statusCode).toBe(403);
    expect((await row(need.id)).status).toBe("claimed");
    const ok = await act(volunteer, need.id, "close", {
      action: "mark_unreachable",
      reason: "Three calls, no answer",
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).toBe("unreachable");
  });

  it("bad input and closed needs: translated 4xx, nothing changed", async () => {
    const need = await newNeed();
    const bad = [
      { action: "cancel", reason: "" },
      { action: "cancel", reason: "   " },
      { action: "cancel" },
      { action: "mark_duplicate", reason: "x" },
      { action: "fulfil", reason: "x" },
      { action: "cancel", reason: "x".repeat(501) },
      { action: "cancel", reason: "x", extra: 1 },
    ];
    for (const payload of bad) {
      const res = await act(coordinator, need.id, "close", payload, "es");
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().title).toBe(translate("es", "problem.validation_failed.title"));
    }
    expect(await actions(need.id)).toEqual(["post"]);
    await act(coordinator, need.id, "close", { action: "cancel", reason: "Gone" });
    const again = await act(coordinator, need.id, "close", { action: "refer", reason: "x" }, "es");
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("transition_not_allowed");
    expect(again.json().title).toBe(translate("es", "problem.transition_not_allowed.title"));
    expect((await row(need.id)).status).toBe("cancelled");
    expect(await actions(need.id)).toEqual(["post", "cancel"]);
    // Members (not volunteers) are refused by policy.
    const asMember = await act(member, need.id, "close", { action: "cancel", reason: "x" });
    expect(asMember.statusCode).toBe(403);
  });
});

describe("the need's history on its page", () => {
  it("everyone in the group sees the steps; only those who see the contact see reasons", async () => {
    const need = await newNeed();
    await act(volunteer, need.id, "claim");
    await act(volunteer, need.id, "release");
    await act(volunteer, need.id, "claim");
    await act(volunteer, need.id, "close", { action: "mark_unreachable", reason: "No answer" });
    const asCoordinator = await t.app.inject({
      method: "GET",
      url: `/api/v1/groups/${groupId}/needs/${need.id}`,
      headers: coordinator.headers,
    });
    const history = asCoordinator.json().history as { action: string; reason?: string | null }[];
    expect(history.map((e) => e.action)).toEqual([
      "post",
      "claim",
      "release",
      "claim",
      "mark_unreachable",
    ]);
    expect(history.at(-1)?.reason).toBe("No answer");
    const asMember = await t.app.inject({
      method: "GET",
      url: `/api/v1/groups/${groupId}/needs/${need.id}`,
      headers: member.headers,
    });
    expect(asMember.json().history).toHaveLength(5);
    expect(JSON.stringify(asMember.json())).not.toContain("No answer");
  });
});

describe("the requester adds details through the status link", () => {
  it("appends to the description, with a history step, seen on the need's page", async () => {
    const need = await newNeed({ description: "Groceries for three" });
    const res = await byToken("details", {
      token: need.token,
      details: "  Also diapers, size 4  ",
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().description).toBe("Groceries for three\n\nAlso diapers, size 4");
    expect(res.json().history.map((e: { action: string }) => e.action)).toEqual([
      "post",
      "add_details",
    ]);
    expect(res.json().status).toBe("new");
    const seen = await t.app.inject({
      method: "GET",
      url: `/api/v1/groups/${groupId}/needs/${need.id}`,
      headers: volunteer.headers,
    });
    expect(seen.json().description).toContain("Also diapers");
  });

  it("forged token, empty, oversized, too long in all, closed: translated 4xx, nothing changed", async () => {
    const need = await newNeed({ description: "Short words" });
    const forged = await byToken("details", { token: "A".repeat(43), details: "x" }, "es");
    expect(forged.statusCode).toBe(404);
    expect(forged.json().title).toBe(translate("es", "problem.status_link_invalid.title"));
    for (const details of ["", "   ", "x".repeat(1001)]) {
      const res = await byToken("details", { token: need.token, details }, "es");
      expect(res.statusCode).toBe(400);
      expect(res.json().title).toBe(translate("es", "problem.validation_failed.title"));
    }
    for (let i = 0; i < 3; i++) {
      expect(
        (await byToken("details", { token: need.token, details: "y".repeat(1000) })).statusCode,
      ).toBe(200);
    }
    const before = (await row(need.id)).description;
    const tooLong = await byToken(
      "details",
      { token: need.token, details: "z".repeat(1000) },
      "es",
    );
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.json().title).toBe(translate("es", "problem.board_details_too_long.title"));
    expect((await row(need.id)).description).toBe(before);

    await byToken("cancel", { token: need.token });
    const closed = await byToken("details", { token: need.token, details: "more" }, "es");
    expect(closed.statusCode).toBe(409);
    expect(closed.json().code).toBe("need_closed");
    expect((await row(need.id)).description).toBe(before);
    expect(await actions(need.id)).toEqual([
      "post",
      "add_details",
      "add_details",
      "add_details",
      "cancel",
    ]);
  });
});

describe("the requester confirms it was fulfilled", () => {
  it("after the volunteer marked it fulfilled: one 'confirm' step, once", async () => {
    const need = await newNeed();
    await act(volunteer, need.id, "claim");
    await act(volunteer, need.id, "start");
    await act(volunteer, need.id, "fulfil", { minutes: 30 });
    const res = await byToken("confirm", { token: need.token });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe("fulfilled");
    expect(res.json().history.map((e: { action: string }) => e.action)).toEqual([
      "post",
      "claim",
      "start",
      "fulfil",
      "confirm",
    ]);
    const again = await byToken("confirm", { token: need.token });
    expect(again.statusCode).toBe(200);
    expect(await actions(need.id)).toEqual(["post", "claim", "start", "fulfil", "confirm"]);
    expect(await recordsOf(need.id)).toHaveLength(1);
  });

  it("while a volunteer holds it: the requester fulfils it, the claim completes, one record", async () => {
    const need = await newNeed({ as: member });
    await act(volunteer, need.id, "claim");
    const res = await byToken("confirm", { token: need.token });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe("fulfilled");
    expect(res.json().claimed).toBe(false);
    const history = await needHistory(t.database.db, need.id);
    expect(history.at(-1)).toMatchObject({ action: "fulfil", actorKind: "requester" });
    const [record] = await recordsOf(need.id);
    expect(record).toMatchObject({ giverId: volunteer.id, receiverId: member.id });
  });

  it("before anyone helps, after a cancel, or with a forged token: refused, nothing changed", async () => {
    const need = await newNeed();
    const early = await byToken("confirm", { token: need.token }, "es");
    expect(early.statusCode).toBe(409);
    expect(early.json().title).toBe(translate("es", "problem.board_confirm_not_allowed.title"));
    await byToken("cancel", { token: need.token });
    const late = await byToken("confirm", { token: need.token });
    expect(late.statusCode).toBe(409);
    const forged = await byToken("confirm", { token: "B".repeat(43) });
    expect(forged.statusCode).toBe(404);
    const extra = await byToken("confirm", { token: need.token, thanks: true });
    expect(extra.statusCode).toBe(400);
    expect(await actions(need.id)).toEqual(["post", "cancel"]);
    expect(await recordsOf(need.id)).toHaveLength(0);
  });
});
