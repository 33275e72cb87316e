// Opening hours: HSDS schedule rules evaluated in a location's time zone, described for people,
// and read from messy text. See docs/decisions/0022-opening-hours.md.
export { type Closure, type Lang, otherRules, upcomingClosures, weeklyHours } from "./describe";
export { type Hours, hoursOn, nextChange, type OpenState, openAt } from "./evaluate";
export { type HoursProblem, parseClock, parseHours } from "./parse";
export type { ScheduleRule } from "./rules";
