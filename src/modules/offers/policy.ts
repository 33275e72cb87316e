// Who may do what with offers: one rule per action, and who may see an offer's private parts.
import { anyone, definePolicies, groupExists, inGroup } from "../../server/policy";
import type { Viewer } from "../../server/viewer";
import { coordinates } from "../exchange/policy";

export const offersPolicy = definePolicies("offers", {
  /** Public offering: no account needed; the group must exist. */
  postOffer: groupExists,
  /** The offerer's status link: whoever holds its token. */
  offerStatus: anyone,
  withdrawByOfferer: anyone,
  /** Browsing offers and one offer's public fields: volunteers and up. */
  listOffers: inGroup("volunteer"),
  readOffer: inGroup("volunteer"),
  /** Recording that an offer was used: coordinators, admins, network admins. */
  useOffer: inGroup("coordinator"),
});

/**
 * Why the viewer may see an offer's contact and exact place, or null: the offerer sees their own;
 * the group's coordinators and admins and network admins connect offers with needs.
 */
export function offerRevealReason(
  viewer: Viewer,
  group: { id: string; networkId: string },
  offer: { offererId: string | null },
): "self" | "coordinator" | null {
  const userId = viewer.user?.id;
  if (!userId) return null;
  if (offer.offererId === userId) return "self";
  return coordinates(viewer, group) ? "coordinator" : null;
}
