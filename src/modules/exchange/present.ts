// What leaves the server about needs, per viewer. Contact details, the exact place and private
// notes are included only where policy allows, and each inclusion becomes a reveal-log row.
import { stringify } from "csv-stringify/sync";
import { type Language, translate } from "../../lib/i18n";
import type { Viewer } from "../../server/viewer";
import type { Reveal } from "../audit/store";
import type { BoardNeedView, NeedStatusView, NeedView, SharedNeedsView } from "./contract";
import { needRevealReason } from "./policy";
import type { NeedEventRow, NeedRow, PublicNeedRow, SharedNeedRow } from "./store";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function locationOf(need: NeedRow) {
  return { lat: need.lat, lng: need.lng, text: need.locationText };
}

function contactOf(need: NeedRow) {
  return {
    name: need.contactName,
    email: need.contactEmail,
    phone: need.contactPhone,
    channel: need.contactChannel,
  };
}

/** The sensitive fields of a need that are set, as reveal-log field names. */
function shownFields(need: NeedRow, withNotes: boolean): string[] {
  const fields: [string, unknown][] = [
    ["location", need.lat],
    ["location_text", need.locationText],
    ["name", need.contactName],
    ["email", need.contactEmail],
    ["phone", need.contactPhone],
  ];
  if (withNotes) fields.push(["sensitive_notes", need.sensitiveNotes]);
  return fields.filter(([, value]) => value !== null && value !== undefined).map(([f]) => f);
}

/** The fields of a need every group volunteer may see: no contact, no exact place. */
export function publicNeedView(
  need: PublicNeedRow,
  viewer: Viewer,
  activeClaim: { volunteerId: string } | null,
  now: Date,
): BoardNeedView {
  return {
    id: need.id,
    groupId: need.groupId,
    status: need.status,
    category: need.category,
    description: need.description,
    urgency: need.urgency,
    householdSize: need.householdSize,
    languages: need.languages,
    windowStart: iso(need.windowStart),
    windowEnd: iso(need.windowEnd),
    place: need.h3r8,
    createdAt: need.createdAt.toISOString(),
    ageMinutes: Math.max(0, Math.floor((now.getTime() - need.createdAt.getTime()) / 60_000)),
    duplicateOf: need.duplicateOf,
    claimed: activeClaim !== null,
    claimedByYou: !!viewer.user && activeClaim?.volunteerId === viewer.user.id,
  };
}

export function presentNeed(
  need: NeedRow,
  viewer: Viewer,
  group: { id: string; networkId: string },
  activeClaim: { volunteerId: string } | null,
  now: Date,
): { need: NeedView; reveals: Reveal[] } {
  const view: NeedView = publicNeedView(need, viewer, activeClaim, now);
  const reason = needRevealReason(viewer, group, need, activeClaim);
  if (!reason) return { need: view, reveals: [] };
  const coordinating = reason === "coordinator" || reason === "network_admin" || reason === "self";
  view.location = locationOf(need);
  view.contact = contactOf(need);
  if (coordinating) {
    view.sensitiveNotes = need.sensitiveNotes;
    view.shortCode = need.shortCode;
  }
  if (reason === "self") return { need: view, reveals: [] };
  const reveals = shownFields(need, coordinating).map((field) => ({
    viewerId: viewer.user?.id ?? null,
    subjectUserId: need.requesterId,
    subjectType: "need",
    subjectId: need.id,
    field,
    reason: `need:${reason}`,
    groupId: need.groupId,
  }));
  return { need: view, reveals };
}

/** A need's history for the group's view; reasons only for those who may see its contact. */
export function presentHistory(history: NeedEventRow[], withReasons: boolean) {
  return history.map((e) => ({
    action: e.action,
    toStatus: e.toStatus,
    actorKind: e.actorKind,
    createdAt: e.createdAt.toISOString(),
    ...(withReasons ? { reason: e.reason } : {}),
  }));
}

/** The requester's own view through the status link: theirs, so nothing here is a reveal. */
export function presentNeedStatus(
  need: NeedRow,
  group: { id: string; name: string },
  history: NeedEventRow[],
  claimed: boolean,
): NeedStatusView {
  return {
    id: need.id,
    group: { id: group.id, name: group.name },
    shortCode: need.shortCode,
    status: need.status,
    category: need.category,
    description: need.description,
    urgency: need.urgency,
    householdSize: need.householdSize,
    languages: need.languages,
    windowStart: iso(need.windowStart),
    windowEnd: iso(need.windowEnd),
    createdAt: need.createdAt.toISOString(),
    claimed,
    location: locationOf(need),
    contact: contactOf(need),
    history: history.map((e) => ({
      action: e.action,
      toStatus: e.toStatus,
      createdAt: e.createdAt.toISOString(),
      byYou: e.actorKind === "requester" || e.actorKind === "anonymous",
    })),
  };
}

// ---- the shareable list: counts by area, no person in it ----

const hoursBetween = (from: Date, to: Date) =>
  Math.max(0, Math.floor((to.getTime() - from.getTime()) / 3_600_000));

/**
 * The needs waiting for help, by H3 resolution-7 area, for sharing outside the group. Only
 * category, urgency and hours waiting: no names, contacts, descriptions, places, ids or codes.
 * An area (and the one bucket of needs without a place) with fewer than `k` needs is left out
 * and only counted, so a lone need in a quiet street cannot be singled out.
 */
export function presentSharedNeeds(
  group: { name: string },
  rows: readonly SharedNeedRow[],
  k: number,
  now: Date,
): SharedNeedsView {
  const buckets = new Map<string | null, SharedNeedRow[]>();
  for (const row of rows) {
    const bucket = buckets.get(row.h3r7) ?? [];
    bucket.push(row);
    buckets.set(row.h3r7, bucket);
  }
  const shown = [...buckets].filter(([, needs]) => needs.length >= k);
  const areas = shown
    .sort(([cellA, a], [cellB, b]) =>
      // Areas with a place first, busiest first; "place not given" last.
      cellA === null
        ? 1
        : cellB === null
          ? -1
          : b.length - a.length || (cellA < cellB ? -1 : cellA > cellB ? 1 : 0),
    )
    .map(([cell, needs]) => ({
      cell,
      count: needs.length,
      needs: needs.map((n) => ({
        category: n.category,
        urgency: n.urgency,
        waitingHours: hoursBetween(n.createdAt, now),
      })),
    }));
  return {
    group: { name: group.name },
    generatedAt: now.toISOString(),
    areas,
    hiddenAreas: buckets.size - shown.length,
  };
}

/** The shareable list as plain text to paste into a chat, in `language`. */
export function sharedNeedsText(
  view: SharedNeedsView,
  language: Language,
  timeZone: string,
): string {
  const date = new Intl.DateTimeFormat(language, {
    dateStyle: "long",
    timeStyle: "short",
    timeZone,
  }).format(new Date(view.generatedAt));
  const lines = [translate(language, "exchange.shared.title", { group: view.group.name, date })];
  if (view.areas.length === 0) lines.push("", translate(language, "exchange.shared.none"));
  let number = 0;
  for (const area of view.areas) {
    lines.push("");
    lines.push(
      area.cell === null
        ? translate(language, "exchange.shared.noArea", { count: area.count })
        : translate(language, "exchange.shared.area", { number: ++number, count: area.count }),
    );
    for (const need of area.needs) {
      const urgency = translate(language, `exchange.urgency.${need.urgency}`);
      lines.push(
        translate(language, "exchange.shared.line", {
          category: translate(language, `exchange.categories.${need.category}`),
          urgency: urgency.charAt(0).toLocaleLowerCase(language) + urgency.slice(1),
          hours: need.waitingHours,
        }),
      );
    }
  }
  if (view.hiddenAreas > 0) {
    lines.push("", translate(language, "exchange.shared.hidden", { count: view.hiddenAreas }));
  }
  return `${lines.join("\n")}\n`;
}

// ---- the CSV export, for coordinators ----

export const EXPORT_COLUMNS = [
  "id",
  "created_at",
  "status",
  "category",
  "urgency",
  "household_size",
  "languages",
  "h3_r8",
  "short_code",
  "waiting_hours",
  "closed_at",
] as const;

/** Only with `personal=true`. */
export const PERSONAL_EXPORT_COLUMNS = [
  "contact_name",
  "contact_email",
  "contact_phone",
  "location_text",
  "lat",
  "lng",
  "sensitive_notes",
] as const;

/**
 * A text cell a spreadsheet would run as a formula (=, +, -, @, and tab or carriage return,
 * per OWASP) gets a leading apostrophe. Numbers (lat, lng, counts) are written as numbers, so
 * a negative longitude stays a number.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * The needs as CSV with a UTF-8 byte order mark (so Excel reads accents right), built in memory:
 * a group's needs are hundreds or a few thousand rows, well within one response.
 */
export function needsCsv(needs: readonly NeedRow[], personal: boolean, now: Date): string {
  const columns: string[] = [...EXPORT_COLUMNS, ...(personal ? PERSONAL_EXPORT_COLUMNS : [])];
  const cell = (value: string | number | null) =>
    value === null ? "" : typeof value === "number" ? value : neutraliseFormula(value);
  const rows = needs.map((n) => {
    const row: (string | number | null)[] = [
      n.id,
      n.createdAt.toISOString(),
      n.status,
      n.category,
      n.urgency,
      n.householdSize,
      n.languages.join(" "),
      n.h3r8,
      n.shortCode,
      hoursBetween(n.createdAt, n.closedAt ?? now),
      n.closedAt ? n.closedAt.toISOString() : null,
    ];
    if (personal) {
      row.push(
        n.contactName,
        n.contactEmail,
        n.contactPhone,
        n.locationText,
        n.lat,
        n.lng,
        n.sensitiveNotes,
      );
    }
    return row.map(cell);
  });
  return stringify([columns, ...rows], { bom: true, record_delimiter: "windows" });
}
