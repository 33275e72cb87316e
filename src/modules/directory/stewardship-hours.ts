// A steward's hours in words ("Mon-Fri 9am-5pm; Sat 10-2") read into HSDS schedule rules with
// the shared hours parser. Anything it cannot read is refused with the words, never guessed.
import { parseHours } from "./schedule";
import type { ScheduleInput } from "./stewardship-edit";

export type ReadHours = { ok: true; rules: ScheduleInput[] } | { ok: false; text: string };

export function readHours(text: string): ReadHours {
  const parsed = parseHours(text);
  const problem = parsed.problems[0];
  if (problem) return { ok: false, text: problem.text || text };
  return {
    ok: true,
    rules: parsed.rules.map((rule) => ({ ...rule, mutuo_closed: rule.mutuo_closed ?? false })),
  };
}
