import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app";
import { createPerson, networkAdmin, type Person, roleIn } from "../../../test/people";
import { auditLog, revealLog } from "../audit/schema";

let t: TestApp;
let admin: Person;

async function createGroup(body: Record<string, unknown>, by: Person = admin) {
  const res = await t.app.inject({
    method: "POST",
    url: `/api/v1/networks/${t.networkId}/groups`,
    headers: by.headers,
    payload: { mode: "mutual_aid", timeZone: "America/Los_Angeles", ...body },
  });
  return res;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await networkAdmin(t);
});
afterAll(async () => {
  await t.app.close();
});

describe("creating groups", () => {
  it("a network admin creates a group and becomes its admin; the action is audited", async () => {
    const res = await createGroup({
      name: "Despensa Comunitaria Ñuñoa",
      mode: "hybrid",
      languages: ["es", "en"],
    });
    expect(res.statusCode).toBe(201);
    const group = res.json();
    expect(group).toMatchObject({
      slug: "despensa-comunitaria-nunoa",
      mode: "hybrid",
      memberCount: 1,
      viewer: { role: "admin" },
      settings: { intakeRequiresTriage: true, claimExpiryHours: 72, retentionDays: 180 },
      customisedSettings: [],
    });
    expect(await roleIn(t, group.id, admin.id)).toBe("admin");
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.groupId, group.id));
    expect(audit.map((a) => a.action)).toEqual(["group.created"]);
    const again = await createGroup({ name: "Despensa Comunitaria Ñuñoa" });
    expect(again.json().slug).toBe("despensa-comunitaria-nunoa-2");
  });

  it("people who are not network admins cannot create groups", async () => {
    const someone = await createPerson(t);
    expect((await createGroup({ name: "Mine" }, someone)).statusCode).toBe(403);
    const anonymous = await t.app.inject({
      method: "POST",
      url: `/api/v1/networks/${t.networkId}/groups`,
      payload: { name: "Mine", mode: "hybrid", timeZone: "UTC" },
    });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().code).toBe("sign_in_required");
  });

  it("refuses bad settings, time zones, areas and unknown fields, field by field", async () => {
    const res = await createGroup({
      name: "X",
      timeZone: "Mars/Olympus",
      settings: { claimExpiryHours: 0, retentionDays: 99999 },
      area: { kind: "h3", cells: ["not-a-cell"] },
      colour: "red",
    });
    expect(res.statusCode).toBe(400);
    const pointers = res
      .json()
      .errors.map((e: { pointer: string }) => e.pointer)
      .sort();
    expect(pointers).toEqual(
      [
        "#/colour",
        "#/name",
        "#/settings/claimExpiryHours",
        "#/settings/retentionDays",
        "#/timeZone",
      ].sort(),
    );
    const area = await createGroup({
      name: "Area test",
      area: { kind: "h3", cells: ["8928308280fffff", "zz"] },
    });
    expect(area.statusCode).toBe(400);
    expect(area.json().errors[0]).toMatchObject({ pointer: "#/area", code: "area_cell_invalid" });
    const coarse = await createGroup({
      name: "Area test",
      area: { kind: "h3", cells: ["8428309ffffffff"] },
    });
    expect(coarse.json().errors[0]).toMatchObject({ code: "area_cell_resolution" });
    const ok = await createGroup({
      name: "Area ok",
      area: { kind: "h3", cells: ["8928308280fffff"] },
    });
    expect(ok.statusCode).toBe(201);
  });
});

describe("the directory", () => {
  it("finds groups by name without caring about accents or case", async () => {
    await createGroup({
      name: "Cocina Solidaria del Barrio",
      description: "Comidas calientes los sábados",
    });
    const res = await t.app.inject({ method: "GET", url: "/api/v1/groups?search=SABADOS" });
    expect(res.statusCode).toBe(200);
    expect(res.json().groups.map((g: { name: string }) => g.name)).toEqual([
      "Cocina Solidaria del Barrio",
    ]);
    const all = await t.app.inject({ method: "GET", url: "/api/v1/groups" });
    expect(all.json().groups.length).toBeGreaterThanOrEqual(3);
  });
});

describe("settings follow the mode unless the group chooses otherwise", () => {
  it("keeps chosen settings across a mode change and the rest follows the new mode", async () => {
    const group = (await createGroup({ name: "Settings group", mode: "mutual_aid" })).json();
    expect(group.settings.intakeRequiresTriage).toBe(false);
    const changed = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/groups/${group.id}`,
      headers: admin.headers,
      payload: { settings: { claimExpiryHours: 24 } },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      settings: { claimExpiryHours: 24 },
      customisedSettings: ["claimExpiryHours"],
    });
    const toDispatch = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/groups/${group.id}`,
      headers: admin.headers,
      payload: { mode: "resource_sharing" },
    });
    expect(toDispatch.json()).toMatchObject({
      mode: "resource_sharing",
      settings: { claimExpiryHours: 24, intakeRequiresTriage: true, retentionDays: 365 },
    });
    const reset = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/groups/${group.id}`,
      headers: admin.headers,
      payload: { settings: {} },
    });
    expect(reset.json()).toMatchObject({
      settings: { claimExpiryHours: 48 },
      customisedSettings: [],
    });
  });

  it("lets only the group's admins change it", async () => {
    const group = (await createGroup({ name: "Guarded" })).json();
    const coordinator = await createPerson(t, { groups: { [group.id]: "coordinator" } });
    const res = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/groups/${group.id}`,
      headers: coordinator.headers,
      payload: { name: "Taken over" },
    });
    expect(res.statusCode).toBe(403);
    expect(
      (await t.app.inject({ method: "GET", url: `/api/v1/groups/${group.id}` })).json().name,
    ).toBe("Guarded");
  });
});

describe("joining", () => {
  it("an open group queues a request that a coordinator approves", async () => {
    const group = (await createGroup({ name: "Open group" })).json();
    const coordinator = await createPerson(t, { groups: { [group.id]: "coordinator" } });
    const neighbour = await createPerson(t, { name: "Nora Neighbour" });
    const join = await t.app.inject({
      method: "POST",
      url: `/api/v1/groups/${group.id}/join`,
      headers: neighbour.headers,
    });
    expect(join.json()).toEqual({ status: "pending", role: "member" });
    const detail = await t.app.inject({
      method: "GET",
      url: `/api/v1/groups/${group.id}`,
      headers: neighbour.headers,
    });
    expect(detail.json().viewer).toMatchObject({ role: null, pending: true });
    const requests = await t.app.inject({
      method: "GET",
      url: `/api/v1/groups/${group.id}/join-requests`,
      headers: coordinator.headers,
    });
    expect(requests.json().requests.map((r: { name: string }) => r.name)).toEqual([
      "Nora Neighbour",
    ]);
    const approve = await t.app.inject({
      method: "POST",
      url: `/api/v1/groups/${group.id}/join-requests/${neighbour.id}/approve`,
      headers: coordinator.headers,
    });
    expect(approve.statusCode).toBe(204);
    expect(await roleIn(t, group.id, neighbour.id)).toBe("member");
    const twice = await t.app.inject({
      method: "POST",
      url: `/api/v1/groups/${group.id}/join-requests/${neighbour.id}/approve`,
      headers: coordinator.headers,
    });
    expect(twice.statusCode).toBe(404);
  });

  it("a group that approves automatically lets people straight in", async () => {
    const group = (await createGroup({ name: "Auto group", autoApprove: true })).json();
    const neighbour = await createPerson(t);
    const join = await t.app.inject({
      method: "POST",
      url: `/api/v1/groups/${group.id}/join`,
      headers: neighbour.headers,
    });
    expect(join.json()).toEqual({ status: "active", role: "member" });
  });

  it("an invite-only group refuses a plain request with a translated reason", async () => {
    const group = (await createGroup({ name: "Closed group", joining: "invite_only" })).json();
    const neighbour = await createPerson(t);
    const join = await t.app.inject({
      method: "POST",
      url: `/api/v1/groups/${group.id}/join`,
      headers: { ...neighbour.headers, "accept-language": "es" },
    });
    expect(join.statusCode).toBe(403);
    expect(join.json()).toMatchObject({
      code: "invitation_required",
      title: "Se necesita una invitación",
    });
    expect(await roleIn(t, group.id, neighbour.id)).toBeNull();
  });

  it("a coordinator declines a request and cannot act on another group's people", async () => {
    const group = (await createGroup({ name: "Decline group" })).json();
    const other = (await createGroup({ name: "Other group" })).json();
    const coordinator = await createPerson(t, { groups: { [group.id]: "coordinator" } });
    const outsider = await createPerson(t, { groups: { [other.id]: "pending" } });
    const cross = await t.app.inject({
      method: "POST",
      url: `/api/v1/groups/${group.id}/join-requests/${outsider.id}/approve`,
      headers: coordinator.headers,
    });
    expect(cross.statusCode).toBe(404);
    expect(await roleIn(t, other.id, outsider.id)).toBe("pending");
    const crossGroup = await t.app.inject({
      method: "POST",
      url: `/api/v1/groups/${other.id}/join-requests/${outsider.id}/approve`,
      headers: coordinator.headers,
    });
    expect(crossGroup.statusCode).toBe(403);
  });
});

describe("invitations", () => {
  it("a single-use link lets one person in with its role, then stops working", async () => {
    const group = (await createGroup({ name: "Invite group", joining: "invite_only" })).json();
    const coordinator = await createPerson(t, { groups: { [group.id]: "coordinator" } });
    const created = await t.app.inject({
      method: "POST",
      url: `/api/v1/groups/${group.id}/invitations`,
      headers: coordinator.headers,
      payload: { role: "volunteer" },
    });
    expect(created.statusCode).toBe(201);
    const { token, url } = created.json();
    expect(url).toMatch(/\/join#[A-Za-z0-9_-]{43}$/);
    const preview = await t.app.inject({ method: "GET", url: `/api/v1/invitations/${token}` });
    expect(preview.json()).toMatchObject({ group: { name: "Invite group" }, role: "volunteer" });
    const first = await createPerson(t);
    const accepted = await t.app.inject({
      method: "POST",
      url: `/api/v1/invitations/${token}/accept`,
      headers: first.headers,
    });
    expect(accepted.json()).toMatchObject({
      status: "active",
      role: "volunteer",
      groupId: group.id,
    });
    const second = await createPerson(t);
    const reused = await t.app.inject({
      method: "POST",
      url: `/api/v1/invitations/${token}/accept`,
      headers: second.headers,
    });
    expect(reused.statusCode).toBe(404);
    expect(reused.json().code).toBe("invitation_invalid");
    expect(await roleIn(t, group.id, second.id)).toBeNull();
  });

  it("coordinators cannot hand out admin; expired and revoked links are refused", async () => {
    const group = (await createGroup({ name: "Invite rules" })).json();
    const coordinator = await createPerson(t, { groups: { [group.id]: "coordinator" } });
    const asAdmin = await t.app.inject({
      method: "POST",
      url: `/api/v1/groups/${group.id}/invitations`,
      headers: coordinator.headers,
      payload: { role: "admin" },
    });
    expect(asAdmin.statusCode).toBe(403);
    expect(asAdmin.json().code).toBe("role_not_grantable");

    const make = async () =>
      (
        await t.app.inject({
          method: "POST",
          url: `/api/v1/groups/${group.id}/invitations`,
          headers: coordinator.headers,
          payload: { maxUses: 5, expiresInDays: 1 },
        })
      ).json();
    const revokedOne = await make();
    const revoke = await t.app.inject({
      method: "DELETE",
      url: `/api/v1/groups/${group.id}/invitations/${revokedOne.id}`,
      headers: coordinator.headers,
    });
    expect(revoke.statusCode).toBe(204);
    expect(
      (await t.app.inject({ method: "GET", url: `/api/v1/invitations/${revokedOne.token}` }))
        .statusCode,
    ).toBe(404);

    const expiring = await make();
    const list = await t.app.inject({
      method: "GET",
      url: `/api/v1/groups/${group.id}/invitations`,
      headers: coordinator.headers,
    });
    expect(list.json().invitations.map((i: { id: string }) => i.id)).toContain(expiring.id);
    expect(JSON.stringify(list.json())).not.toContain(expiring.token);
    t.advance(2 * 24 * 3600 * 1000);
    try {
      const late = await createPerson(t);
      const res = await t.app.inject({
        method: "POST",
        url: `/api/v1/invitations/${expiring.token}/accept`,
        headers: late.headers,
      });
      expect(res.statusCode).toBe(404);
    } finally {
      t.advance(-2 * 24 * 3600 * 1000);
    }
  });

  it("a malformed or unknown token is a clear 4xx", async () => {
    expect(
      (await t.app.inject({ method: "GET", url: "/api/v1/invitations/short" })).statusCode,
    ).toBe(400);
    const unknown = "A".repeat(43);
    expect(
      (await t.app.inject({ method: "GET", url: `/api/v1/invitations/${unknown}` })).statusCode,
    ).toBe(404);
  });
});

describe("roles", () => {
  it("an admin promotes a member; the last admin can neither be demoted, removed nor leave", async () => {
    const group = (await createGroup({ name: "Role group" })).json();
    const member = await createPerson(t, { groups: { [group.id]: "member" } });
    const promote = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/groups/${group.id}/members/${member.id}`,
      headers: admin.headers,
      payload: { role: "coordinator" },
    });
    expect(promote.statusCode).toBe(204);
    expect(await roleIn(t, group.id, member.id)).toBe("coordinator");

    const demoteSelf = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/groups/${group.id}/members/${admin.id}`,
      headers: admin.headers,
      payload: { role: "member" },
    });
    expect(demoteSelf.statusCode).toBe(409);
    expect(demoteSelf.json().code).toBe("last_admin");
    const leave = await t.app.inject({
      method: "POST",
      url: `/api/v1/groups/${group.id}/leave`,
      headers: admin.headers,
    });
    expect(leave.statusCode).toBe(409);
    const remove = await t.app.inject({
      method: "DELETE",
      url: `/api/v1/groups/${group.id}/members/${admin.id}`,
      headers: admin.headers,
    });
    expect(remove.statusCode).toBe(409);
    expect(await roleIn(t, group.id, admin.id)).toBe("admin");

    const unknownRole = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/groups/${group.id}/members/${member.id}`,
      headers: admin.headers,
      payload: { role: "overlord" },
    });
    expect(unknownRole.statusCode).toBe(400);
    expect(await roleIn(t, group.id, member.id)).toBe("coordinator");
  });

  it("two admins demoting each other at once leave one admin standing", async () => {
    const group = (await createGroup({ name: "Race group" })).json();
    const a = await createPerson(t, { groups: { [group.id]: "admin" } });
    const b = await createPerson(t, { groups: { [group.id]: "admin" } });
    // The creating network admin steps down first so exactly two admins remain.
    await t.app.inject({
      method: "PATCH",
      url: `/api/v1/groups/${group.id}/members/${admin.id}`,
      headers: a.headers,
      payload: { role: "member" },
    });
    const results = await Promise.all([
      t.app.inject({
        method: "PATCH",
        url: `/api/v1/groups/${group.id}/members/${b.id}`,
        headers: a.headers,
        payload: { role: "member" },
      }),
      t.app.inject({
        method: "PATCH",
        url: `/api/v1/groups/${group.id}/members/${a.id}`,
        headers: b.headers,
        payload: { role: "member" },
      }),
    ]);
    const statuses = results.map((r) => r.statusCode).sort();
    const roles = [await roleIn(t, group.id, a.id), await roleIn(t, group.id, b.id)];
    expect(roles.filter((r) => r === "admin")).toHaveLength(1);
    // The loser was refused (409) or, having lost its admin role first, forbidden (403).
    expect(statuses[0]).toBe(204);
    expect([403, 409]).toContain(statuses[1]);
  });
});

describe("who sees members' contact details", () => {
  let groupId: string;
  let subject: Person;
  let sharing: Person;

  beforeAll(async () => {
    groupId = (await createGroup({ name: "Privacy group" })).json().id;
    subject = await createPerson(t, { name: "Private Pat", groups: { [groupId]: "member" } });
    sharing = await createPerson(t, {
      name: "Sharing Sam",
      groups: { [groupId]: "member" },
      preferences: { shareEmailWithMembers: true },
    });
  });

  async function membersAs(viewer?: Person) {
    return t.app.inject({
      method: "GET",
      url: `/api/v1/groups/${groupId}/members`,
      headers: viewer?.headers ?? {},
    });
  }

  function fieldsOf(body: { members: { userId: string }[] }, userId: string) {
    const found = body.members.find((m) => m.userId === userId);
    return found ? Object.keys(found).sort() : null;
  }

  it("anonymous visitors and members of other groups are refused", async () => {
    expect((await membersAs()).statusCode).toBe(401);
    const otherGroup = (await createGroup({ name: "Elsewhere" })).json().id;
    const stranger = await createPerson(t, { groups: { [otherGroup]: "coordinator" } });
    const res = await membersAs(stranger);
    expect(res.statusCode).toBe(403);
    expect(JSON.stringify(res.json())).not.toContain(subject.email);
  });

  it.each(["member", "volunteer"] as const)(
    "a %s sees names and roles, and only what others chose to share",
    async (role) => {
      const viewer = await createPerson(t, { groups: { [groupId]: role } });
      const before = (await t.database.db.select().from(revealLog)).length;
      const body = (await membersAs(viewer)).json();
      expect(fieldsOf(body, subject.id)).toEqual(["joinedAt", "name", "role", "userId"]);
      expect(fieldsOf(body, sharing.id)).toEqual(["email", "joinedAt", "name", "role", "userId"]);
      expect(fieldsOf(body, viewer.id)).toEqual([
        "email",
        "joinedAt",
        "name",
        "phone",
        "role",
        "userId",
      ]);
      const after = await t.database.db
        .select()
        .from(revealLog)
        .where(eq(revealLog.viewerId, viewer.id));
      expect(after.map((r) => [r.subjectUserId, r.field, r.reason])).toEqual([
        [sharing.id, "email", "member_list:shared_with_members"],
      ]);
      expect((await t.database.db.select().from(revealLog)).length).toBe(before + 1);
    },
  );

  it.each(["coordinator", "admin", "network admin"] as const)(
    "a %s sees every member's email and phone, each reveal logged",
    async (role) => {
      const viewer =
        role === "network admin"
          ? await createPerson(t, { networkAdmin: true })
          : await createPerson(t, { groups: { [groupId]: role } });
      const body = (await membersAs(viewer)).json();
      expect(fieldsOf(body, subject.id)).toEqual([
        "email",
        "joinedAt",
        "name",
        "phone",
        "role",
        "userId",
      ]);
      const subjectEntry = body.members.find((m: { userId: string }) => m.userId === subject.id);
      expect(subjectEntry).toMatchObject({ email: subject.email, phone: subject.phone });
      const logged = await t.database.db
        .select()
        .from(revealLog)
        .where(eq(revealLog.viewerId, viewer.id));
      const others = body.members.filter((m: { userId: string }) => m.userId !== viewer.id);
      // One row per contact field shown of someone else (the setup admin has no phone).
      const shown = others.reduce(
        (n: number, m: { email?: string; phone?: string }) =>
          n + (m.email ? 1 : 0) + (m.phone ? 1 : 0),
        0,
      );
      expect(shown).toBeGreaterThan(others.length);
      expect(logged).toHaveLength(shown);
      expect(
        logged
          .filter((r) => r.subjectUserId === subject.id)
          .map((r) => r.field)
          .sort(),
      ).toEqual(["email", "phone"]);
      expect(
        logged.every((r) => r.groupId === groupId && r.reason.startsWith("member_list:")),
      ).toBe(true);
    },
  );
});

describe("the audit log", () => {
  it("shows admins who did what to whom, newest first, page by page; others are refused", async () => {
    const group = (await createGroup({ name: "Audited group" })).json();
    const member = await createPerson(t, { name: "Audrey", groups: { [group.id]: "member" } });
    await t.app.inject({
      method: "PATCH",
      url: `/api/v1/groups/${group.id}/members/${member.id}`,
      headers: admin.headers,
      payload: { role: "volunteer" },
    });
    await t.app.inject({
      method: "PATCH",
      url: `/api/v1/groups/${group.id}`,
      headers: admin.headers,
      payload: { description: "New words" },
    });
    const page1 = await t.app.inject({
      method: "GET",
      url: `/api/v1/groups/${group.id}/audit?limit=2`,
      headers: admin.headers,
    });
    expect(page1.statusCode).toBe(200);
    const { entries, nextBefore } = page1.json();
    expect(entries.map((e: { action: string }) => e.action)).toEqual([
      "group.updated",
      "member.role_changed",
    ]);
    expect(entries[1]).toMatchObject({
      actorName: admin.name,
      targetName: "Audrey",
      details: { from: "member", to: "volunteer" },
    });
    const page2 = await t.app.inject({
      method: "GET",
      url: `/api/v1/groups/${group.id}/audit?limit=2&before=${nextBefore}`,
      headers: admin.headers,
    });
    expect(page2.json()).toMatchObject({
      entries: [{ action: "group.created" }],
      nextBefore: null,
    });
    const asMember = await t.app.inject({
      method: "GET",
      url: `/api/v1/groups/${group.id}/audit`,
      headers: member.headers,
    });
    expect(asMember.statusCode).toBe(403);
  });
});

describe("ids that do not belong", () => {
  it("an unknown or malformed group id is a clear 404 or 400", async () => {
    const unknown = "0190f1c2-0000-7000-8000-000000000000";
    const res = await t.app.inject({
      method: "GET",
      url: `/api/v1/groups/${unknown}`,
      headers: { "accept-language": "es" },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().title).toBe("Grupo no encontrado");
    expect(
      (await t.app.inject({ method: "GET", url: "/api/v1/groups/not-a-uuid" })).statusCode,
    ).toBe(404);
  });
});
