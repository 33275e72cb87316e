// Server-Sent Events: streams one event-bus channel to a browser as text/event-stream.
// There is no replay: a reconnecting browser (Last-Event-ID) gets only the `retry:` hint, and
// clients refetch the state they show whenever their stream (re)opens.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { LiveEvent } from "./events";

export interface ServerSentEventsOptions {
  /** A comment line keeps proxies from closing an idle stream. */
  heartbeatMs?: number;
  /** How long the browser waits before reconnecting. */
  retryMs?: number;
}

export const HEARTBEAT_MS = 25_000;
export const RETRY_MS = 5_000;

/** `id:`/`event:`/`data:` lines of one event (JSON has no raw line breaks). */
export function formatServerSentEvent(event: LiveEvent): string {
  return `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/**
 * Answers the request with the live events of `channel` that pass `filter` (the place to drop
 * events this viewer may not know about), until the client goes away or the server closes.
 * Call it from a route handler after the route's policy has allowed the request.
 */
export async function sendServerSentEvents(
  request: FastifyRequest,
  reply: FastifyReply,
  channel: string,
  filter?: (event: LiveEvent) => boolean,
  options: ServerSentEventsOptions = {},
): Promise<void> {
  const bus = request.server.events;
  const res = reply.raw;
  let open = true;
  let heartbeat: NodeJS.Timeout | undefined;
  const write = (chunk: string) => {
    if (open && !res.writableEnded) res.write(chunk);
  };
  const end = () => {
    if (!open) return;
    open = false;
    if (heartbeat) clearInterval(heartbeat);
    unsubscribe();
    if (!res.writableEnded) res.end();
  };

  const unsubscribe = bus.subscribe(
    channel,
    (event) => {
      if (filter && !filter(event)) return;
      write(formatServerSentEvent(event));
    },
    { onClose: end },
  );
  // The response's close (not the request's, which fires once the request is read).
  res.on("close", end);
  try {
    await unsubscribe.ready;
  } catch (err) {
    end();
    throw err; // before anything was sent: the error handler answers 500
  }

  // The stream bypasses Fastify's reply (and compression, which would hold events back).
  reply.hijack();
  if (!open) return; // the client left while we subscribed
  res.writeHead(200, {
    ...(reply.getHeaders() as Record<string, string>),
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache, no-transform",
    connection: "keep-alive",
    "x-accel-buffering": "no",
  });
  const retryMs = options.retryMs ?? RETRY_MS;
  const resumed = request.headers["last-event-id"] !== undefined;
  // Sent on every open; for a reconnect (Last-Event-ID) it is all we do.
  write(`retry: ${retryMs}\n${resumed ? ": no replay; refetch\n" : ""}\n`);
  heartbeat = setInterval(() => write(": heartbeat\n\n"), options.heartbeatMs ?? HEARTBEAT_MS);
  heartbeat.unref();
}
