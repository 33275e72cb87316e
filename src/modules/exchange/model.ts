// The need lifecycle as a table of allowed transitions (who may move a need from what to what),
// like Crisis Cleanup's closed status set. Pure: no I/O, no clock.
export const NEED_STATUSES = [
  "new",
  "triaged",
  "claimed",
  "in_progress",
  "fulfilled",
  "cancelled",
  "duplicate",
  "referred",
  "unreachable",
] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];

export const CLOSED_STATUSES: readonly NeedStatus[] = [
  "fulfilled",
  "cancelled",
  "duplicate",
  "referred",
  "unreachable",
];

/** Who acts: the person who asked, the volunteer holding the claim, a coordinator, or the system. */
export type Actor = "requester" | "claimer" | "coordinator" | "system";

export type NeedAction =
  | "triage"
  | "claim"
  | "release"
  | "expire"
  | "start"
  | "fulfil"
  | "cancel"
  | "mark_duplicate"
  | "refer"
  | "mark_unreachable";

export interface Transition {
  action: NeedAction;
  from: readonly NeedStatus[];
  /** "queue" means back to where unclaimed needs wait: triaged in dispatch mode, new otherwise. */
  to: NeedStatus | "queue";
  actors: readonly Actor[];
}

const OPEN: NeedStatus[] = ["new", "triaged"];
const HELD: NeedStatus[] = ["claimed", "in_progress"];
const ACTIVE: NeedStatus[] = [...OPEN, ...HELD];

export const TRANSITIONS: readonly Transition[] = [
  { action: "triage", from: ["new"], to: "triaged", actors: ["coordinator"] },
  // Claiming from "new" is allowed only when the group does not require triage (checked below).
  { action: "claim", from: OPEN, to: "claimed", actors: ["claimer"] },
  { action: "release", from: HELD, to: "queue", actors: ["claimer", "coordinator"] },
  { action: "expire", from: ["claimed"], to: "queue", actors: ["system"] },
  { action: "start", from: ["claimed"], to: "in_progress", actors: ["claimer"] },
  {
    action: "fulfil",
    from: HELD,
    to: "fulfilled",
    actors: ["claimer", "coordinator", "requester"],
  },
  { action: "cancel", from: ACTIVE, to: "cancelled", actors: ["requester", "coordinator"] },
  { action: "mark_duplicate", from: ACTIVE, to: "duplicate", actors: ["coordinator"] },
  { action: "refer", from: ACTIVE, to: "referred", actors: ["coordinator"] },
  {
    action: "mark_unreachable",
    from: ACTIVE,
    to: "unreachable",
    actors: ["claimer", "coordinator"],
  },
];

export type TransitionResult =
  | { ok: true; to: NeedStatus }
  | { ok: false; reason: "not_allowed_from_status" | "not_allowed_for_actor" | "triage_required" };

/** Whether `actor` may take `action` on a need in `from`, and where the need goes. */
export function transition(
  from: NeedStatus,
  action: NeedAction,
  actor: Actor,
  policy: { intakeRequiresTriage: boolean },
): TransitionResult {
  const rule = TRANSITIONS.find((t) => t.action === action);
  if (!rule?.from.includes(from)) return { ok: false, reason: "not_allowed_from_status" };
  if (!rule.actors.includes(actor)) return { ok: false, reason: "not_allowed_for_actor" };
  if (action === "claim" && from === "new" && policy.intakeRequiresTriage) {
    return { ok: false, reason: "triage_required" };
  }
  const to = rule.to === "queue" ? (policy.intakeRequiresTriage ? "triaged" : "new") : rule.to;
  return { ok: true, to };
}

/** Where unclaimed needs wait: volunteers see these. */
export function queueStatuses(policy: { intakeRequiresTriage: boolean }): NeedStatus[] {
  return policy.intakeRequiresTriage ? ["triaged"] : ["new", "triaged"];
}

export function isClosed(status: NeedStatus): boolean {
  return CLOSED_STATUSES.includes(status);
}

/** The reminder before a claim expires: at 75 % of the claim's time. */
export function claimTimes(
  claimedAt: Date,
  expiryHours: number,
): { remindAt: Date; expiresAt: Date } {
  const ms = expiryHours * 3600 * 1000;
  return {
    remindAt: new Date(claimedAt.getTime() + ms * 0.75),
    expiresAt: new Date(claimedAt.getTime() + ms),
  };
}
