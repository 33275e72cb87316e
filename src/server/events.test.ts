import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/db";
import { openDatabase } from "../db/connect";
import { createEventBus, type EventBus, type LiveEvent } from "./events";

let database: TestDatabase;
let bus: EventBus;

beforeAll(async () => {
  database = await createTestDatabase();
  bus = createEventBus(database);
});
afterAll(async () => {
  await bus.close();
  await database.close();
});

describe("event bus", () => {
  it("delivers published events to the channel's subscribers until they unsubscribe", async () => {
    const got: LiveEvent[] = [];
    const other: LiveEvent[] = [];
    const unsubscribe = bus.subscribe("group_a", (e) => got.push(e));
    const unsubscribeOther = bus.subscribe("group_b", (e) => other.push(e));
    await Promise.all([unsubscribe.ready, unsubscribeOther.ready]);
    expect(bus.subscribers("group_a")).toBe(1);

    const sent = await bus.publish("group_a", { type: "need.created", needId: "n1" });
    expect(sent.id).toMatch(/^[0-9a-f-]{36}$/);
    await expect.poll(() => got).toEqual([sent]);
    expect(got[0]).toMatchObject({ type: "need.created", needId: "n1" });

    unsubscribe();
    expect(bus.subscribers("group_a")).toBe(0);
    await bus.publish("group_a", { type: "need.claimed", needId: "n1" });
    await bus.publish("group_b", { type: "need.claimed", needId: "n2" });
    await expect.poll(() => other).toHaveLength(1);
    expect(got).toHaveLength(1);
    unsubscribeOther();
  });

  it("refuses unsafe channel names, odd event types and large events", async () => {
    for (const channel of ["", "Group", "1abc", "a-b", 'a"; drop table jobs; --', "a".repeat(64)])
      await expect(bus.publish(channel, { type: "x" })).rejects.toThrow(/channel/);
    expect(() => bus.subscribe("Bad Name", () => {})).toThrow(/channel/);
    await expect(bus.publish("ok", { type: "bad\nline" })).rejects.toThrow(/type/);
    await expect(bus.publish("ok", { type: "big", blob: "x".repeat(8000) })).rejects.toThrow(
      /limit is 7999.*ids, not data/,
    );
    expect((await bus.publish("a".repeat(63), { type: "ok" })).type).toBe("ok");
  });

  it("keeps delivering when one listener throws", async () => {
    const got: string[] = [];
    const a = bus.subscribe("throwing", () => {
      throw new Error("listener bug");
    });
    const b = bus.subscribe("throwing", (e) => got.push(e.type));
    await Promise.all([a.ready, b.ready]);
    await bus.publish("throwing", { type: "t" });
    await expect.poll(() => got).toEqual(["t"]);
    a();
    b();
  });

  it("on close, tells subscribers and refuses new ones", async () => {
    const own = createEventBus(database);
    let closed = 0;
    const sub = own.subscribe("closing", () => {}, { onClose: () => closed++ });
    await sub.ready;
    await own.close();
    await own.close();
    expect(closed).toBe(1);
    expect(() => own.subscribe("closing", () => {})).toThrow(/closed/);
  });

  it.runIf(process.env.TEST_DATABASE_URL)(
    "on PostgreSQL, an event published by another instance arrives",
    async () => {
      if (!database.url) throw new Error("expected a server database");
      const otherDb = await openDatabase({ url: database.url, poolMax: 2 });
      const otherBus = createEventBus(otherDb);
      try {
        const here: LiveEvent[] = [];
        const there: LiveEvent[] = [];
        const s1 = bus.subscribe("shared", (e) => here.push(e));
        const s2 = otherBus.subscribe("shared", (e) => there.push(e));
        await Promise.all([s1.ready, s2.ready]);
        const a = await otherBus.publish("shared", { type: "from.other" });
        const b = await bus.publish("shared", { type: "from.here" });
        await expect.poll(() => here.map((e) => e.id)).toEqual([a.id, b.id]);
        await expect.poll(() => there.map((e) => e.id)).toEqual([a.id, b.id]);
        s1();
        s2();
      } finally {
        await otherBus.close();
        await otherDb.close();
      }
    },
  );
});
