// What leaves the server about offers, per viewer. Contact and exact place only where policy
// allows, and each showing to someone other than the offerer is a reveal-log row.
import type { Viewer } from "../../server/viewer";
import type { Reveal } from "../audit/store";
import type { OfferStatusView, OfferView, PublicOfferView } from "./contract";
import { offerRevealReason } from "./policy";
import type { OfferRow, PublicOfferRow } from "./store";

function privateParts(offer: OfferRow) {
  return {
    location: { lat: offer.lat, lng: offer.lng, text: offer.locationText },
    contact: {
      name: offer.contactName,
      email: offer.contactEmail,
      phone: offer.contactPhone,
      channel: offer.contactChannel,
    },
  };
}

/** The fields every volunteer of the group may see. */
export function publicOfferView(offer: PublicOfferRow): PublicOfferView {
  return {
    id: offer.id,
    groupId: offer.groupId,
    status: offer.status,
    kind: offer.kind,
    category: offer.category,
    description: offer.description,
    availability: offer.availability,
    languages: offer.languages,
    place: offer.h3r8,
    uses: offer.uses,
    createdAt: offer.createdAt.toISOString(),
    closedAt: offer.closedAt ? offer.closedAt.toISOString() : null,
  };
}

export function presentOffer(
  offer: OfferRow,
  viewer: Viewer,
  group: { id: string; networkId: string },
): { offer: OfferView; reveals: Reveal[] } {
  const view: OfferView = publicOfferView(offer);
  const reason = offerRevealReason(viewer, group, offer);
  if (!reason) return { offer: view, reveals: [] };
  Object.assign(view, privateParts(offer), { shortCode: offer.shortCode });
  if (reason === "self") return { offer: view, reveals: [] };
  const fields: [string, unknown][] = [
    ["location", offer.lat],
    ["location_text", offer.locationText],
    ["name", offer.contactName],
    ["email", offer.contactEmail],
    ["phone", offer.contactPhone],
  ];
  const reveals = fields
    .filter(([, value]) => value !== null)
    .map(([field]) => ({
      viewerId: viewer.user?.id ?? null,
      subjectUserId: offer.offererId,
      subjectType: "offer",
      subjectId: offer.id,
      field,
      reason: `offer:${reason}`,
      groupId: offer.groupId,
    }));
  return { offer: view, reveals };
}

/** The offerer's own view through the status link: theirs, so nothing here is a reveal. */
export function presentOfferStatus(
  offer: OfferRow,
  group: { id: string; name: string },
): OfferStatusView {
  const { groupId: _groupId, ...shown } = publicOfferView(offer);
  return {
    ...shown,
    group: { id: group.id, name: group.name },
    shortCode: offer.shortCode,
    ...privateParts(offer),
  };
}
