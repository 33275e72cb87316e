// The authorization matrix: every API route × every kind of viewer, compared with the table in
// policy-matrix.expected.ts. Requests carry a probe header that stops them right after the
// policy check, so "allowed" means the policy let them through and nothing is changed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/app";
import { createPerson, networkAdmin, type Person } from "../../test/people";
import { anyone, definePolicies } from "./policy";
import { expected, PERSONAS, type Persona } from "./policy-matrix.expected";

let t: TestApp;
const people: Partial<Record<Persona, Person>> = {};
const params: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({
    env: { MUTUO_RATE_LIMIT_SCALE: "1000" },
    beforeReady(app) {
      app.addHook("preValidation", async (request, reply) => {
        if (request.headers["x-policy-probe"]) return reply.code(299).send();
      });
    },
  });
  const admin = await networkAdmin(t);
  const create = async (name: string) =>
    (
      await t.app.inject({
        method: "POST",
        url: `/api/v1/networks/${t.networkId}/groups`,
        headers: admin.headers,
        payload: { name, mode: "mutual_aid", timeZone: "UTC" },
      })
    ).json().id as string;
  const groupA = await create("Group A");
  const groupB = await create("Group B");
  people.otherGroupMember = await createPerson(t, { groups: { [groupB]: "member" } });
  people.member = await createPerson(t, { groups: { [groupA]: "member" } });
  people.volunteer = await createPerson(t, { groups: { [groupA]: "volunteer" } });
  people.coordinator = await createPerson(t, { groups: { [groupA]: "coordinator" } });
  people.admin = await createPerson(t, { groups: { [groupA]: "admin" } });
  people.networkAdmin = await createPerson(t, { networkAdmin: true });
  const target = await createPerson(t, { groups: { [groupA]: "member" } });
  const invitation = (
    await t.app.inject({
      method: "POST",
      url: `/api/v1/groups/${groupA}/invitations`,
      headers: admin.headers,
      payload: {},
    })
  ).json();
  const need = (
    await t.app.inject({
      method: "POST",
      url: `/api/v1/groups/${groupA}/needs`,
      payload: {
        category: "groceries",
        description: "Groceries for two",
        contact: { channel: "none" },
      },
    })
  ).json();
  Object.assign(params, {
    groupId: groupA,
    needId: need.id,
    offerId: need.id, // any id: the probe stops right after the policy check
    serviceId: need.id,
    organizationId: need.id,
    suggestionId: need.id,
    networkId: t.networkId,
    userId: target.id,
    invitationId: invitation.id,
    token: invitation.token,
  });
});

afterAll(async () => {
  await t.app.close();
});

function fill(url: string): string {
  return url.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (!value) throw new Error(`no test value for :${name} in ${url}`);
    return value;
  });
}

async function outcome(method: string, url: string, persona: Persona): Promise<"allow" | "deny"> {
  const person = persona === "anonymous" ? undefined : people[persona];
  const res = await t.app.inject({
    method: method as "GET",
    url: fill(url),
    headers: { "x-policy-probe": "1", ...(person?.headers ?? {}) },
  });
  if (res.statusCode === 299) return "allow";
  if (res.statusCode === 401 || res.statusCode === 403) return "deny";
  throw new Error(`${method} ${url} as ${persona}: unexpected ${res.statusCode} ${res.body}`);
}

describe("the authorization matrix", () => {
  it("has an expected row for every API route and no row for a route that is gone", () => {
    const actual = t.app.governedRoutes.map((r) => `${r.method} ${r.url}`).sort();
    expect(actual).toEqual(Object.keys(expected).sort());
  });

  it("gives every viewer exactly the expected outcome on every route", async () => {
    const mismatches: string[] = [];
    for (const route of t.app.governedRoutes) {
      const key = `${route.method} ${route.url}`;
      for (const persona of PERSONAS) {
        const got = await outcome(route.method, route.url, persona);
        const want = expected[key]?.[persona];
        if (got !== want) mismatches.push(`${key} as ${persona}: ${got}, expected ${want}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("refuses to start with a route that names no policy", async () => {
    const probe = await createTestApp({
      beforeReady(app) {
        app.get("/api/v1/__unguarded", async () => ({ ok: true }));
      },
    }).catch((err: Error) => err);
    expect(probe).toBeInstanceOf(Error);
    expect(String(probe)).toContain("has no policy");
    const named = definePolicies("matrix_test", { open: anyone });
    expect(named.open).toBe("matrix_test.open");
  });
});
