// The board's live updates over a real listening server, read with fetch as a browser would.
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app";
import { createPerson, networkAdmin, type Person } from "../../../test/people";
import { openStream } from "../../../test/sse-client";

let t: TestApp;
let base: string;

async function group(name: string, settings: Record<string, unknown> = {}): Promise<string> {
  const admin = await networkAdmin(t);
  const res = await t.app.inject({
    method: "POST",
    url: `/api/v1/networks/${t.networkId}/groups`,
    headers: admin.headers,
    payload: { name, mode: "mutual_aid", timeZone: "UTC", settings },
  });
  return res.json().id as string;
}

async function post(groupId: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/groups/${groupId}/needs`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      category: "meals",
      description: `A hot meal ${Math.random()}`,
      contact: { phone: "+1 650 555 0199", channel: "sms" },
    }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out waiting for events");
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  t = await createTestApp({ env: { MUTUO_RATE_LIMIT_SCALE: "1000" } });
  await t.app.listen({ host: "127.0.0.1", port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await t.app.close();
});

describe("the live board", () => {
  it("tells volunteers of new, claimed and released needs as they happen, ids and status only", async () => {
    const groupId = await group("Live peer group");
    const volunteer = await createPerson(t, { groups: { [groupId]: "volunteer" } });
    const other: Person = await createPerson(t, { groups: { [groupId]: "volunteer" } });
    const stream = await openStream(
      base,
      `/api/v1/groups/${groupId}/needs/events`,
      volunteer.headers,
    );
    try {
      expect(stream.response.headers.get("content-type")).toContain("text/event-stream");
      const needId = await post(groupId);
      await until(() => stream.events().length >= 1);
      const claim = await fetch(`${base}/api/v1/groups/${groupId}/needs/${needId}/claim`, {
        method: "POST",
        headers: other.headers,
      });
      expect(claim.status).toBe(200);
      await fetch(`${base}/api/v1/groups/${groupId}/needs/${needId}/release`, {
        method: "POST",
        headers: other.headers,
      });
      await until(() => stream.events().length >= 3);
      const seen = stream.events().map((f) => [f.event, JSON.parse(f.data ?? "{}")]);
      expect(seen.map(([type]) => type)).toEqual(["need.created", "need.claimed", "need.released"]);
      for (const [, data] of seen) {
        expect(Object.keys(data).sort()).toEqual(["id", "needId", "status", "type"]);
        expect(data.needId).toBe(needId);
      }
    } finally {
      await stream.close();
    }
  });

  it("in a triaging group, only coordinators hear of needs before triage", async () => {
    const groupId = await group("Live dispatch group", { intakeRequiresTriage: true });
    const volunteer = await createPerson(t, { groups: { [groupId]: "volunteer" } });
    const coordinator = await createPerson(t, { groups: { [groupId]: "coordinator" } });
    const path = `/api/v1/groups/${groupId}/needs/events`;
    const asVolunteer = await openStream(base, path, volunteer.headers);
    const asCoordinator = await openStream(base, path, coordinator.headers);
    try {
      const needId = await post(groupId);
      await until(() => asCoordinator.events().length >= 1);
      const triage = await fetch(`${base}/api/v1/groups/${groupId}/needs/${needId}/triage`, {
        method: "POST",
        headers: coordinator.headers,
      });
      expect(triage.status).toBe(200);
      await until(() => asVolunteer.events().length >= 1 && asCoordinator.events().length >= 2);
      expect(asVolunteer.events().map((f) => [f.event, JSON.parse(f.data ?? "{}").status])).toEqual(
        [["need.changed", "triaged"]],
      );
      expect(asCoordinator.events().map((f) => f.event)).toEqual(["need.created", "need.changed"]);
    } finally {
      await asVolunteer.close();
      await asCoordinator.close();
    }
  });

  it("refuses people who are not volunteers of the group", async () => {
    const groupId = await group("Closed live group");
    const member = await createPerson(t, { groups: { [groupId]: "member" } });
    const res = await fetch(`${base}/api/v1/groups/${groupId}/needs/events`, {
      headers: member.headers,
    });
    expect(res.status).toBe(403);
    expect((await fetch(`${base}/api/v1/groups/${groupId}/needs/events`)).status).toBe(401);
  });
});
