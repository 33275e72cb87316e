// The masked thread on a need over HTTP: the requester (by status link) and the volunteer
// holding the claim write to each other, coordinators join in, emails announce each message in
// the recipient's language, and nobody's email or phone travels in either direction.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app";
import { createPerson, networkAdmin, type Person } from "../../../test/people";
import { translate } from "../../lib/i18n";
import { type MemoryMailer, memoryMailer } from "../../lib/mail";
import { newToken } from "../../lib/tokens";
import { needs } from "../exchange/schema";

let t: TestApp;
let mail: MemoryMailer;
let groupId: string;
const people: Record<string, Person> = {};

const REQUESTER = { name: "Rosa Requester", email: "rosa@example.net", phone: "+1 650 555 0199" };

beforeAll(async () => {
  mail = memoryMailer();
  t = await createTestApp({ env: { MUTUO_RATE_LIMIT_SCALE: "1000" }, mailer: mail });
  const admin = await networkAdmin(t);
  groupId = (
    await t.app.inject({
      method: "POST",
      url: `/api/v1/networks/${t.networkId}/groups`,
      headers: admin.headers,
      payload: { name: "Elm Street Aid", mode: "mutual_aid", timeZone: "UTC" },
    })
  ).json().id as string;
  people.volunteer = await createPerson(t, {
    name: "Vera Volunteer",
    groups: { [groupId]: "volunteer" },
  });
  people.second = await createPerson(t, {
    name: "Sam Second",
    groups: { [groupId]: "volunteer" },
  });
  people.coordinator = await createPerson(t, {
    name: "Cora Coordinator",
    groups: { [groupId]: "coordinator" },
  });
  people.member = await createPerson(t, { groups: { [groupId]: "member" } });
});

afterAll(async () => {
  await t.app.close();
});

async function intake(language = "en"): Promise<{ id: string; token: string }> {
  const res = await t.app.inject({
    method: "POST",
    url: `/api/v1/groups/${groupId}/needs`,
    headers: { "accept-language": language },
    payload: {
      category: "groceries",
      description: `Groceries for two ${Math.random()}`,
      contact: { ...REQUESTER, channel: "email" },
    },
  });
  expect(res.statusCode).toBe(201);
  const body = res.json();
  return { id: body.id, token: body.statusUrl.split("#")[1] as string };
}

const claim = (person: Person, needId: string) =>
  t.app.inject({
    method: "POST",
    url: `/api/v1/groups/${groupId}/needs/${needId}/claim`,
    headers: person.headers,
  });

const groupThread = (person: Person, needId: string) =>
  t.app.inject({
    method: "GET",
    url: `/api/v1/groups/${groupId}/needs/${needId}/messages`,
    headers: person.headers,
  });

const groupSend = (person: Person, needId: string, body: unknown, language = "en") =>
  t.app.inject({
    method: "POST",
    url: `/api/v1/groups/${groupId}/needs/${needId}/messages`,
    headers: { ...person.headers, "accept-language": language },
    payload: { body },
  });

const requesterThread = (token: string) =>
  t.app.inject({ method: "POST", url: "/api/v1/needs/status/messages", payload: { token } });

const requesterSend = (token: string, body: unknown) =>
  t.app.inject({
    method: "POST",
    url: "/api/v1/needs/status/messages/send",
    payload: { token, body },
  });

/** Nothing personal about anyone: no email, phone or user id of either side. */
function expectNoContactDetails(text: string) {
  const forbidden = [REQUESTER.email, REQUESTER.phone, "Requester"];
  for (const person of Object.values(people)) {
    forbidden.push(person.email, person.phone, person.id, person.name);
  }
  for (const value of forbidden) expect(text).not.toContain(value);
}

describe("the masked thread on a need", () => {
  it("requester and claiming volunteer write to each other, told by email, contacts masked", async () => {
    const volunteer = people.volunteer as Person;
    const need = await intake("es");
    expect((await claim(volunteer, need.id)).statusCode).toBe(200);

    const sent = await groupSend(volunteer, need.id, "  I can bring them at 5pm. Is that OK?  ");
    expect(sent.statusCode).toBe(201);
    const message = sent.json();
    expect(message).toEqual({
      id: expect.any(String),
      from: "volunteer",
      name: "Vera",
      body: "I can bring them at 5pm. Is that OK?",
      createdAt: expect.any(String),
      mine: true,
    });
    expectNoContactDetails(sent.body);

    // The requester gets an email in the language they asked in, pointing to their own link.
    const toRequester = await mail.next(REQUESTER.email);
    expect(toRequester.subject).toBe(translate("es", "messages.mail.toRequester.subject"));
    expect(toRequester.text).toContain("Elm Street Aid");
    expect(toRequester.text).toContain("I can bring them at 5pm. Is that OK?");
    expect(toRequester.text).toContain("Vera");
    expect(toRequester.text).not.toContain(need.token);
    expect(toRequester.text).not.toContain("Volunteer");
    expect(toRequester.text).not.toContain(volunteer.email);
    expect(toRequester.text).not.toContain(volunteer.phone);

    const seen = await requesterThread(need.token);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().open).toBe(true);
    expect(seen.json().messages).toEqual([{ ...message, mine: false }]);

    const reply = await requesterSend(need.token, "Yes, thank you!");
    expect(reply.statusCode).toBe(201);
    expect(reply.json()).toMatchObject({ from: "requester", name: null, mine: true });
    expectNoContactDetails(reply.body);

    // The volunteer holding the claim is told, without the requester's contact details.
    const toVolunteer = await mail.next(volunteer.email);
    expect(toVolunteer.subject).toBe(translate("en", "messages.mail.toGroup.subject"));
    expect(toVolunteer.text).toContain("Yes, thank you!");
    expect(toVolunteer.text).toContain(`/groups/${groupId}/needs/${need.id}`);
    for (const value of [REQUESTER.email, REQUESTER.phone, REQUESTER.name, need.token]) {
      expect(toVolunteer.text).not.toContain(value);
    }
    expect(mail.pending((people.coordinator as Person).email)).toEqual([]);

    const thread = await groupThread(volunteer, need.id);
    expect(thread.statusCode).toBe(200);
    expect(
      thread.json().messages.map((m: { from: string; mine: boolean }) => [m.from, m.mine]),
    ).toEqual([
      ["volunteer", true],
      ["requester", false],
    ]);
    expectNoContactDetails(thread.body);
  });

  it("refuses a volunteer who does not hold the claim, and a member", async () => {
    const need = await intake();
    expect((await claim(people.volunteer as Person, need.id)).statusCode).toBe(200);
    for (const res of [
      await groupThread(people.second as Person, need.id),
      await groupSend(people.second as Person, need.id, "Hello?"),
    ]) {
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe("not_in_thread");
    }
    expect((await groupThread(people.member as Person, need.id)).statusCode).toBe(403);
    expect((await requesterThread(need.token)).json().messages).toEqual([]);
  });

  it("coordinators read and write; with nobody holding a claim they are the ones told", async () => {
    const coordinator = people.coordinator as Person;
    const need = await intake();
    const written = await requesterSend(need.token, "Is anyone able to help?");
    expect(written.statusCode).toBe(201);
    const told = await mail.next(coordinator.email);
    expect(told.text).toContain("Is anyone able to help?");
    expect(told.text).not.toContain(REQUESTER.email);
    expect(mail.pending((people.volunteer as Person).email)).toEqual([]);

    const answer = await groupSend(coordinator, need.id, "We are finding someone.");
    expect(answer.statusCode).toBe(201);
    expect(answer.json()).toMatchObject({ from: "coordinator", name: "Cora", mine: true });
    const toRequester = await mail.next(REQUESTER.email);
    expect(toRequester.text).toContain("Cora");

    const admin = await networkAdmin(t);
    const seen = await groupThread(admin, need.id);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().messages.map((m: { from: string }) => m.from)).toEqual([
      "requester",
      "coordinator",
    ]);
    // A volunteer without the claim stays out even when nobody holds one.
    expect((await groupThread(people.second as Person, need.id)).statusCode).toBe(403);
  });

  it("keeps messages in the order they were written", async () => {
    const need = await intake();
    const volunteer = people.second as Person;
    expect((await claim(volunteer, need.id)).statusCode).toBe(200);
    const written: string[] = [];
    for (let i = 1; i <= 6; i++) {
      const body = `message ${i}`;
      written.push(body);
      const res =
        i % 2 ? await requesterSend(need.token, body) : await groupSend(volunteer, need.id, body);
      expect(res.statusCode).toBe(201);
    }
    const forVolunteer = (await groupThread(volunteer, need.id)).json().messages;
    const forRequester = (await requesterThread(need.token)).json().messages;
    expect(forVolunteer.map((m: { body: string }) => m.body)).toEqual(written);
    expect(forRequester.map((m: { body: string }) => m.body)).toEqual(written);
    expect(forRequester.map((m: { mine: boolean }) => m.mine)).toEqual([
      true,
      false,
      true,
      false,
      true,
      false,
    ]);
  });

  it("a forged, malformed or unknown token is a 404", async () => {
    for (const token of [newToken(), "not-a-token", "x".repeat(43)]) {
      for (const res of [await requesterThread(token), await requesterSend(token, "hi")]) {
        expect(res.statusCode).toBe(404);
        expect(res.json().code).toBe("status_link_invalid");
      }
    }
  });

  it("refuses an empty or overlong body with a translated field problem", async () => {
    const need = await intake();
    expect((await claim(people.volunteer as Person, need.id)).statusCode).toBe(200);
    const cases: [unknown, string][] = [
      ["   ", "required"],
      ["x".repeat(2001), "too_big"],
    ];
    for (const [body, code] of cases) {
      for (const res of [
        await groupSend(people.volunteer as Person, need.id, body, "es"),
        await requesterSend(need.token, body),
      ]) {
        expect(res.statusCode).toBe(400);
        const problem = res.json();
        expect(problem.code).toBe("validation_failed");
        expect(problem.errors).toContainEqual(expect.objectContaining({ pointer: "#/body", code }));
      }
    }
    expect(
      (await groupSend(people.volunteer as Person, need.id, "x".repeat(2000))).statusCode,
    ).toBe(201);
    expect((await requesterThread(need.token)).json().messages).toHaveLength(1);
  });

  it("a closed need's thread takes no new messages; a redacted one shows none", async () => {
    const need = await intake();
    const volunteer = people.volunteer as Person;
    expect((await claim(volunteer, need.id)).statusCode).toBe(200);
    expect((await groupSend(volunteer, need.id, "On my way")).statusCode).toBe(201);
    const fulfilled = await t.app.inject({
      method: "POST",
      url: `/api/v1/groups/${groupId}/needs/${need.id}/fulfil`,
      headers: volunteer.headers,
    });
    expect(fulfilled.statusCode).toBe(200);

    const refused = await requesterSend(need.token, "Thanks again");
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe("thread_closed");
    expect(refused.json().title).toBe(translate("en", "problem.thread_closed.title"));
    const byCoordinator = await groupSend(people.coordinator as Person, need.id, "Closing", "es");
    expect(byCoordinator.statusCode).toBe(409);
    expect(byCoordinator.json().title).toBe(translate("es", "problem.thread_closed.title"));
    const seen = (await requesterThread(need.token)).json();
    expect(seen.open).toBe(false);
    expect(seen.messages).toHaveLength(1);

    await t.database.db.update(needs).set({ redactedAt: t.now() }).where(eq(needs.id, need.id));
    expect((await requesterThread(need.token)).json().messages).toEqual([]);
  });
});
