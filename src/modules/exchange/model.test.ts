import { describe, expect, it } from "vitest";
import {
  type Actor,
  claimTimes,
  isClosed,
  NEED_STATUSES,
  type NeedAction,
  queueStatuses,
  TRANSITIONS,
  transition,
} from "./model";

const ACTORS: Actor[] = ["requester", "claimer", "coordinator", "system"];
const ACTIONS = TRANSITIONS.map((t) => t.action) as NeedAction[];
const PEER = { intakeRequiresTriage: false };
const DISPATCH = { intakeRequiresTriage: true };

// The whole table, written out the other way round: from each status, what each action leads to
// for whoever may take it. Every (status, action, actor, mode) combination is checked against it.
const EXPECTED: Record<string, Record<string, string>> = {
  new: {
    triage: "triaged",
    claim: "claimed",
    cancel: "cancelled",
    mark_duplicate: "duplicate",
    refer: "referred",
    mark_unreachable: "unreachable",
  },
  triaged: {
    claim: "claimed",
    cancel: "cancelled",
    mark_duplicate: "duplicate",
    refer: "referred",
    mark_unreachable: "unreachable",
  },
  claimed: {
    release: "queue",
    expire: "queue",
    start: "in_progress",
    fulfil: "fulfilled",
    cancel: "cancelled",
    mark_duplicate: "duplicate",
    refer: "referred",
    mark_unreachable: "unreachable",
  },
  in_progress: {
    release: "queue",
    fulfil: "fulfilled",
    cancel: "cancelled",
    mark_duplicate: "duplicate",
    refer: "referred",
    mark_unreachable: "unreachable",
  },
  fulfilled: {},
  cancelled: {},
  duplicate: {},
  referred: {},
  unreachable: {},
};

const WHO: Record<NeedAction, Actor[]> = {
  triage: ["coordinator"],
  claim: ["claimer"],
  release: ["claimer", "coordinator"],
  expire: ["system"],
  start: ["claimer"],
  fulfil: ["claimer", "coordinator", "requester"],
  cancel: ["requester", "coordinator"],
  mark_duplicate: ["coordinator"],
  refer: ["coordinator"],
  mark_unreachable: ["claimer", "coordinator"],
};

describe("the need lifecycle", () => {
  it("allows exactly the expected transitions, for exactly the expected actors, in both modes", () => {
    let checked = 0;
    for (const from of NEED_STATUSES) {
      for (const action of ACTIONS) {
        for (const actor of ACTORS) {
          for (const policy of [PEER, DISPATCH]) {
            checked++;
            const result = transition(from, action, actor, policy);
            const target = EXPECTED[from]?.[action];
            if (!target) {
              expect(result, `${from} ${action} ${actor}`).toEqual({
                ok: false,
                reason: "not_allowed_from_status",
              });
            } else if (!WHO[action].includes(actor)) {
              expect(result, `${from} ${action} ${actor}`).toEqual({
                ok: false,
                reason: "not_allowed_for_actor",
              });
            } else if (action === "claim" && from === "new" && policy.intakeRequiresTriage) {
              expect(result).toEqual({ ok: false, reason: "triage_required" });
            } else {
              const to =
                target === "queue" ? (policy.intakeRequiresTriage ? "triaged" : "new") : target;
              expect(result, `${from} ${action} ${actor}`).toEqual({ ok: true, to });
            }
          }
        }
      }
    }
    expect(checked).toBe(NEED_STATUSES.length * ACTIONS.length * ACTORS.length * 2);
  });

  it("never leaves a closed status", () => {
    for (const from of NEED_STATUSES.filter(isClosed)) {
      for (const action of ACTIONS) {
        for (const actor of ACTORS) expect(transition(from, action, actor, PEER).ok).toBe(false);
      }
    }
  });

  it("lets volunteers see new needs directly only when the group does not triage", () => {
    expect(queueStatuses(PEER)).toEqual(["new", "triaged"]);
    expect(queueStatuses(DISPATCH)).toEqual(["triaged"]);
  });

  it("reminds at 75 % of the claim's time and expires at its end", () => {
    const at = new Date("2026-01-01T00:00:00Z");
    expect(claimTimes(at, 72)).toEqual({
      remindAt: new Date("2026-01-03T06:00:00Z"),
      expiresAt: new Date("2026-01-04T00:00:00Z"),
    });
  });
});
