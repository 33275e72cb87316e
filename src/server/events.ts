// Live updates between the server and browsers (via Server-Sent Events, src/server/sse.ts) and
// between app instances: on PostgreSQL, publish is pg_notify and one dedicated connection per
// instance LISTENs to the channels someone subscribed to; on PGlite (one process), in
// memory. Events carry ids and a type, never personal data: a listener fetches what it
// needs through a presenter (docs/decisions/0013-jobs-and-events.md).
import { sql } from "drizzle-orm";
import pg from "pg";
import { uuidv7 } from "uuidv7";
import type { Database } from "../db/connect";

export interface LiveEvent {
  /** Unique, time-ordered; the SSE `id:`. */
  id: string;
  /** What happened, e.g. "need.claimed"; the SSE `event:`. */
  type: string;
  [field: string]: unknown;
}

export type EventInput = { type: string; id?: string } & Record<string, unknown>;
export type EventListener = (event: LiveEvent) => void;

/** An unsubscribe function; `ready` resolves once events published afterwards will arrive. */
export type Subscription = (() => void) & { ready: Promise<void> };

export interface SubscribeOptions {
  /** Called when the bus closes (server shutdown) while still subscribed. */
  onClose?: () => void;
}

export interface EventBus {
  /** Sends an event to every subscriber of the channel, in every instance. */
  publish(channel: string, event: EventInput): Promise<LiveEvent>;
  subscribe(channel: string, listener: EventListener, options?: SubscribeOptions): Subscription;
  /** How many subscriptions this instance holds on the channel. */
  subscribers(channel: string): number;
  /** Ends every subscription (calling their onClose) and the listening connection. */
  close(): Promise<void>;
}

const CHANNEL = /^[a-z][a-z0-9_]{0,62}$/;
const EVENT_TYPE = /^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/;
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more. */
export const MAX_EVENT_BYTES = 7999;

export function checkChannel(channel: string): void {
  if (!CHANNEL.test(channel))
    throw new Error(`event channel "${channel}" must match ${CHANNEL} (lower-case identifier)`);
}

function encode(channel: string, input: EventInput): { event: LiveEvent; json: string } {
  checkChannel(channel);
  if (!EVENT_TYPE.test(input.type)) throw new Error(`event type "${input.type}" is not a name`);
  const event: LiveEvent = { ...input, id: input.id ?? uuidv7(), type: input.type };
  const json = JSON.stringify(event);
  const bytes = Buffer.byteLength(json, "utf8");
  if (bytes > MAX_EVENT_BYTES)
    throw new Error(
      `event "${event.type}" on "${channel}" is ${bytes} bytes; the limit is ${MAX_EVENT_BYTES}. ` +
        "Events carry ids, not data: send the id and let the client fetch the rest.",
    );
  return { event, json };
}

interface Entry {
  channel: string;
  listener: EventListener;
  onClose: (() => void) | undefined;
}

/** Keeps the subscriptions; calls `first`/`last` when a channel gains its first / loses its last. */
function subscriptions(hooks: {
  first(channel: string): Promise<void>;
  last(channel: string): Promise<void>;
}) {
  const byChannel = new Map<string, Set<Entry>>();
  let closed = false;
  return {
    byChannel,
    deliver(channel: string, event: LiveEvent, onError: (err: unknown) => void) {
      for (const entry of byChannel.get(channel) ?? []) {
        try {
          entry.listener(event);
        } catch (err) {
          onError(err);
        }
      }
    },
    subscribe(channel: string, listener: EventListener, options?: SubscribeOptions) {
      checkChannel(channel);
      if (closed) throw new Error("the event bus is closed");
      const entry: Entry = { channel, listener, onClose: options?.onClose };
      let set = byChannel.get(channel);
      let ready = Promise.resolve();
      if (!set) {
        set = new Set();
        byChannel.set(channel, set);
        ready = hooks.first(channel);
      }
      set.add(entry);
      let active = true;
      const unsubscribe = () => {
        if (!active) return;
        active = false;
        const current = byChannel.get(channel);
        current?.delete(entry);
        if (current && current.size === 0) {
          byChannel.delete(channel);
          if (!closed) void hooks.last(channel).catch(() => {});
        }
      };
      return Object.assign(unsubscribe, { ready });
    },
    closeAll() {
      closed = true;
      const entries = [...byChannel.values()].flatMap((s) => [...s]);
      byChannel.clear();
      for (const entry of entries) {
        try {
          entry.onClose?.();
        } catch {
          // a closing subscriber's failure must not stop the others closing
        }
      }
    },
  };
}

export interface EventBusOptions {
  log?: { error(obj: object, msg?: string): void; warn(obj: object, msg?: string): void };
  /** Delay before reconnecting the listening connection after it was lost. */
  reconnectMs?: number;
}

export function createEventBus(database: Database, options: EventBusOptions = {}): EventBus {
  return database.kind === "postgres" ? postgresBus(database, options) : inProcessBus(options);
}

function inProcessBus(options: EventBusOptions): EventBus {
  const onError = (err: unknown) => options.log?.error({ err }, "event listener failed");
  const subs = subscriptions({ first: async () => {}, last: async () => {} });
  return {
    async publish(channel, input) {
      const { event } = encode(channel, input);
      subs.deliver(channel, event, onError);
      return event;
    },
    subscribe: subs.subscribe,
    subscribers: (channel) => subs.byChannel.get(channel)?.size ?? 0,
    async close() {
      subs.closeAll();
    },
  };
}

function postgresBus(database: Database, options: EventBusOptions): EventBus {
  const pool = (database.db as unknown as { $client: pg.Pool }).$client;
  const reconnectMs = options.reconnectMs ?? 1000;
  const onError = (err: unknown) => options.log?.error({ err }, "event listener failed");
  let client: pg.Client | undefined;
  let connecting: Promise<pg.Client> | undefined;
  let closed = false;
  // LISTEN/UNLISTEN run one after another on the one connection.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => {});
    return next;
  };

  const subs = subscriptions({
    first: (channel) =>
      serially(async () => {
        const c = await connection();
        await c.query(`listen "${channel}"`);
      }),
    last: (channel) =>
      serially(async () => {
        if (client && !closed) await client.query(`unlisten "${channel}"`);
      }),
  });

  function connection(): Promise<pg.Client> {
    if (client) return Promise.resolve(client);
    if (!connecting) {
      connecting = (async () => {
        const c = new pg.Client(pool.options);
        c.on("notification", (message) => {
          if (!message.payload) return;
          let event: LiveEvent;
          try {
            event = JSON.parse(message.payload) as LiveEvent;
          } catch (err) {
            options.log?.warn({ err, channel: message.channel }, "unreadable event");
            return;
          }
          subs.deliver(message.channel, event, onError);
        });
        c.on("error", (err) => lost(c, err));
        c.on("end", () => lost(c, undefined));
        try {
          await c.connect();
        } catch (err) {
          connecting = undefined;
          throw err;
        }
        client = c;
        connecting = undefined;
        return c;
      })();
    }
    return connecting;
  }

  // The listening connection went away: reconnect and listen again to every channel in use.
  // Events published meanwhile are lost; browsers refetch when their stream reopens.
  function lost(c: pg.Client, err: unknown) {
    if (client !== c || closed) return;
    client = undefined;
    c.end().catch(() => {});
    options.log?.warn({ err }, "event connection lost; reconnecting");
    const retry = () => {
      if (closed || subs.byChannel.size === 0) return;
      void serially(async () => {
        const fresh = await connection();
        for (const channel of subs.byChannel.keys()) await fresh.query(`listen "${channel}"`);
      }).catch((e) => {
        options.log?.warn({ err: e }, "event connection: reconnect failed");
        setTimeout(retry, reconnectMs).unref();
      });
    };
    setTimeout(retry, reconnectMs).unref();
  }

  return {
    async publish(channel, input) {
      const { event, json } = encode(channel, input);
      await database.db.execute(sql`select pg_notify(${channel}, ${json})`);
      return event;
    },
    subscribe: subs.subscribe,
    subscribers: (channel) => subs.byChannel.get(channel)?.size ?? 0,
    async close() {
      if (closed) return;
      closed = true;
      subs.closeAll();
      await queue;
      const c = client ?? (connecting ? await connecting.catch(() => undefined) : undefined);
      client = undefined;
      if (c) await c.end().catch(() => {});
    },
  };
}
