// What leaves the server about suggested corrections. Only reviewers call these routes, so the
// suggester's email is included here; the public service page and the HSDS API never read it.

import type { SuggestionRow } from "./stewardship";
import type { SuggestionOut } from "./stewardship-contract";
import { SUGGESTION_TOPICS } from "./stewardship-contract";

const TOPICS: ReadonlySet<string> = new Set(SUGGESTION_TOPICS);

export function presentSuggestion(row: SuggestionRow): SuggestionOut {
  return {
    ...row,
    // A topic from an older version of the form reads as "other" rather than breaking the queue.
    topic: TOPICS.has(row.topic) ? (row.topic as SuggestionOut["topic"]) : "other",
    reviewed_at: row.reviewed_at?.toISOString() ?? null,
    created_at: row.created_at.toISOString(),
  };
}
