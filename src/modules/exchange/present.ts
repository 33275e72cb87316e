// What leaves the server about needs, per viewer. Contact details, the exact place and private
// notes are included only where policy allows, and each inclusion becomes a reveal-log row.
import type { Viewer } from "../../server/viewer";
import type { Reveal } from "../audit/store";
import type { BoardNeedView, NeedStatusView, NeedView } from "./contract";
import { needRevealReason } from "./policy";
import type { NeedEventRow, NeedRow, PublicNeedRow } from "./store";

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
    })),
  };
}
