// The hourly retention purge redacts offers closed longer than the group keeps personal data,
// with the injected clock: statistics (category, kind, uses, cells, dates) stay.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestApp } from "../../../test/app";
import { networkAdmin } from "../../../test/people";
import { scheduleRetention } from "../exchange/jobs";
import { offers } from "../exchange/schema";
import { appWithJobRunner } from "../exchange/testkit";
import type { JobRunner } from "../jobs/runner";

let t: TestApp;
let runner: JobRunner;
let groupId: string;
const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

beforeAll(async () => {
  ({ t, runner, groupId } = await appWithJobRunner("Retention offers"));
});

afterAll(async () => {
  await runner.stop();
  await t.app.close();
});

async function offer(kind: "once" | "ongoing" = "once"): Promise<string> {
  const res = await t.app.inject({
    method: "POST",
    url: `/api/v1/groups/${groupId}/offers`,
    payload: {
      category: "meals",
      kind,
      description: "Soup for Ana's family at 12 Elm St",
      availability: "Sundays",
      location: { lat: 37.5, lng: -122.3, text: "12 Elm St" },
      contact: { name: "Ana", phone: "+1 650 555 0100", channel: "phone" },
    },
  });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

const closeAt = (id: string, status: "used" | "withdrawn", daysAgo: number) =>
  t.database.db
    .update(offers)
    .set({
      status,
      uses: status === "used" ? 1 : 0,
      closedAt: new Date(t.now().getTime() - daysAgo * DAY),
    })
    .where(eq(offers.id, id));

describe("retention of offers", () => {
  it("redacts personal data of offers closed past the group's retention, keeps the rest", async () => {
    const old = await offer();
    const oldWithdrawn = await offer("ongoing");
    const recent = await offer();
    const open = await offer("ongoing");
    await closeAt(old, "used", 91);
    await closeAt(oldWithdrawn, "withdrawn", 200);
    await closeAt(recent, "used", 10);
    await scheduleRetention(t.database.db, t.now());
    t.advance(HOUR);
    try {
      await runner.runDue();
      const rows = await t.database.db.select().from(offers);
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const id of [old, oldWithdrawn]) {
        const row = byId.get(id);
        expect(row).toMatchObject({
          description: "",
          availability: null,
          lat: null,
          lng: null,
          locationText: null,
          contactName: null,
          contactPhone: null,
          contactEmail: null,
          contactHash: null,
          category: "meals",
        });
        expect(row?.redactedAt).not.toBeNull();
        expect(row?.h3r8).not.toBeNull();
      }
      expect(byId.get(old)).toMatchObject({ status: "used", uses: 1, kind: "once" });
      expect(byId.get(oldWithdrawn)).toMatchObject({ status: "withdrawn", kind: "ongoing" });
      for (const id of [recent, open]) {
        expect(byId.get(id)).toMatchObject({ contactName: "Ana", redactedAt: null });
      }
    } finally {
      t.advance(-HOUR);
    }
  });

  it("follows the group's own retention setting", async () => {
    const admin = await networkAdmin(t);
    await t.app.inject({
      method: "PATCH",
      url: `/api/v1/groups/${groupId}`,
      headers: admin.headers,
      payload: { settings: { retentionDays: 7 } },
    });
    const id = await offer();
    await closeAt(id, "withdrawn", 8);
    // The pass an hour ago scheduled the next one itself.
    t.advance(2 * HOUR);
    try {
      await runner.runDue();
      const [row] = await t.database.db.select().from(offers).where(eq(offers.id, id));
      expect(row?.contactPhone).toBeNull();
      expect(row?.redactedAt).not.toBeNull();
    } finally {
      t.advance(-2 * HOUR);
    }
  });
});
