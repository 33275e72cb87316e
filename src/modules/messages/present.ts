// What leaves the server about a thread: sides and first names, never an email, phone or id.
import type { MessageView, ThreadResponse } from "./contract";
import type { ThreadMessage } from "./store";

/** The first word of a name: enough to know who writes, no more. */
export function firstName(name: string | null | undefined): string | null {
  const first = name?.trim().split(/\s+/)[0];
  return first ? first : null;
}

/** Who reads: the requester (through the status link) or a person of the group. */
export type Reader = { kind: "requester" } | { kind: "group"; userId: string };

export function presentMessage(message: ThreadMessage, reader: Reader): MessageView {
  const fromRequester = message.authorKind === "requester";
  return {
    id: message.id,
    from: message.authorKind,
    name: fromRequester ? null : firstName(message.authorName),
    body: message.body,
    createdAt: message.createdAt.toISOString(),
    mine:
      reader.kind === "requester"
        ? fromRequester
        : !fromRequester && message.authorId === reader.userId,
  };
}

export function presentThread(
  need: { id: string; redactedAt: Date | null },
  open: boolean,
  messages: ThreadMessage[],
  reader: Reader,
): ThreadResponse {
  return {
    needId: need.id,
    open,
    // Once the need's personal data is redacted, so is what was said about it.
    messages: need.redactedAt ? [] : messages.map((m) => presentMessage(m, reader)),
  };
}
