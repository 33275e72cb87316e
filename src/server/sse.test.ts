// Server-Sent Events over a real listening server, read with fetch as a browser would.
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/app";
import { openStream } from "../../test/sse-client";
import { type Database, openDatabase } from "../db/connect";
import { createEventBus, type EventBus } from "./events";
import { sendServerSentEvents } from "./sse";

let t: TestApp;
let base: string;
// On PostgreSQL, events are published from a second instance (its own pool and bus).
let publisherDb: Database | undefined;
let publisher: EventBus;

beforeAll(async () => {
  t = await createTestApp({
    beforeReady: (app) => {
      app.get<{ Params: { channel: string }; Querystring: { only?: string } }>(
        "/test-live/:channel",
        { schema: { hide: true } },
        (request, reply) =>
          sendServerSentEvents(
            request,
            reply,
            request.params.channel,
            request.query.only ? (e) => e.type === request.query.only : undefined,
            { heartbeatMs: 50, retryMs: 2000 },
          ),
      );
    },
  });
  await t.app.listen({ host: "127.0.0.1", port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  if (t.database.url) {
    publisherDb = await openDatabase({ url: t.database.url, poolMax: 2 });
    publisher = createEventBus(publisherDb);
  } else {
    publisher = t.app.events;
  }
});

afterAll(async () => {
  if (publisherDb) {
    await publisher.close();
    await publisherDb.close();
  }
  await t.app.close();
});

describe("server-sent events", () => {
  it("streams published events with id, event and data lines, and heartbeats", async () => {
    const stream = await openStream(base, "/test-live/board_1");
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(stream.response.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(stream.response.headers.get("x-request-id")).toBeTruthy();
    expect(stream.response.headers.get("content-encoding")).toBeNull();
    await expect.poll(() => stream.frames[0]?.retry).toBe("2000");

    const sent = await publisher.publish("board_1", { type: "need.created", needId: "n1" });
    await publisher.publish("board_2", { type: "need.created", needId: "elsewhere" });
    const second = await publisher.publish("board_1", { type: "need.claimed", needId: "n1" });
    await expect.poll(() => stream.events().length, { timeout: 5000 }).toBe(2);
    const [first, next] = stream.events();
    expect(first).toMatchObject({ id: sent.id, event: "need.created" });
    expect(JSON.parse(first?.data ?? "")).toEqual(sent);
    expect(next).toMatchObject({ id: second.id, event: "need.claimed" });

    await expect.poll(() => stream.frames.some((f) => f.comments.includes("heartbeat"))).toBe(true);
    await stream.close();
  });

  it("applies the filter", async () => {
    const stream = await openStream(base, "/test-live/board_3?only=need.fulfilled");
    await expect.poll(() => stream.frames.length).toBeGreaterThan(0);
    await publisher.publish("board_3", { type: "need.created", needId: "a" });
    const wanted = await publisher.publish("board_3", { type: "need.fulfilled", needId: "a" });
    await expect
      .poll(() => stream.events().map((f) => f.id), { timeout: 5000 })
      .toEqual([wanted.id]);
    await stream.close();
  });

  it("answers Last-Event-ID with only a retry hint (no replay)", async () => {
    await publisher.publish("board_4", { type: "before", needId: "x" });
    const stream = await openStream(base, "/test-live/board_4", { "last-event-id": "whatever" });
    await expect.poll(() => stream.frames[0]).toMatchObject({ retry: "2000" });
    expect(stream.frames[0]?.comments).toContain("no replay; refetch");
    await new Promise((r) => setTimeout(r, 100));
    expect(stream.events()).toEqual([]);
    await stream.close();
  });

  it("unsubscribes when the client goes away", async () => {
    const stream = await openStream(base, "/test-live/board_5");
    await expect.poll(() => t.app.events.subscribers("board_5")).toBe(1);
    await stream.close();
    await expect.poll(() => t.app.events.subscribers("board_5")).toBe(0);
  });

  it("ends open streams when the app closes, so shutdown is not held up", async () => {
    const other = await createTestApp({
      beforeReady: (app) => {
        app.get("/live", { schema: { hide: true } }, (request, reply) =>
          sendServerSentEvents(request, reply, "closing"),
        );
      },
    });
    await other.app.listen({ host: "127.0.0.1", port: 0 });
    const port = (other.app.server.address() as AddressInfo).port;
    const response = await fetch(`http://127.0.0.1:${port}/live`);
    const reader = response.body?.getReader();
    await reader?.read(); // the retry hint
    const started = Date.now();
    await other.app.close();
    expect(Date.now() - started).toBeLessThan(3000);
    expect((await reader?.read())?.done).toBe(true);
  });
});
