// Live board updates: every change of a need is announced on its group's channel (ids and
// status only; browsers refetch what they may see) after the change has committed.
import type { FastifyBaseLogger } from "fastify";
import type { EventBus } from "../../server/events";
import type { NeedStatus } from "./model";

export type BoardEventType = "need.created" | "need.claimed" | "need.released" | "need.changed";

export function boardChannel(groupId: string): string {
  return `board_${groupId.replace(/-/g, "")}`;
}

/** Announces a change; a failure to announce is logged, never turned into a failed request. */
export async function announce(
  events: EventBus,
  log: Pick<FastifyBaseLogger, "warn">,
  groupId: string,
  type: BoardEventType,
  need: { id: string; status: NeedStatus },
): Promise<void> {
  try {
    await events.publish(boardChannel(groupId), { type, needId: need.id, status: need.status });
  } catch (err) {
    log.warn({ err, groupId, type }, "could not announce a board change");
  }
}
