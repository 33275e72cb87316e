// Who may do what with needs: one rule per action, and who may see a need's private parts.
import { anyone, definePolicies, groupExists, inGroup } from "../../server/policy";
import { isNetworkAdmin, roleAtLeast, type Viewer } from "../../server/viewer";

export const exchangePolicy = definePolicies("exchange", {
  /** Public intake: no account needed; the group must exist. */
  postNeed: groupExists,
  /** The status link: whoever holds its token. */
  needStatus: anyone,
  cancelByRequester: anyone,
  addDetailsByRequester: anyone,
  confirmByRequester: anyone,
  readNeed: inGroup("member"),
  /** The board of open needs: volunteers and up (coordinators see more of it). */
  readBoard: inGroup("volunteer"),
  /** Claims: volunteers and up; whether they hold the claim is checked against the claim. */
  claimNeed: inGroup("volunteer"),
  releaseClaim: inGroup("volunteer"),
  startNeed: inGroup("volunteer"),
  fulfilNeed: inGroup("volunteer"),
  triageNeed: inGroup("coordinator"),
  /** Cancel, refer (coordinators) or mark unreachable (also the claimer): checked in the route. */
  closeNeed: inGroup("volunteer"),
  /** The shareable list: counts by area only, for anyone (the group must exist). */
  sharedNeeds: groupExists,
  /** The CSV export (optionally with contact details): coordinators, admins, network admins. */
  exportNeeds: inGroup("coordinator"),
});

/** Whether the viewer coordinates the group: its coordinators and admins, and network admins. */
export function coordinates(viewer: Viewer, group: { id: string; networkId: string }): boolean {
  return (
    roleAtLeast(viewer.groupRoles.get(group.id), "coordinator") ||
    isNetworkAdmin(viewer, group.networkId)
  );
}

/**
 * Why the viewer may see a need's contact, exact place (and, for coordinators, its private
 * notes), or null. Coordinators and admins of the group and network admins coordinate; the
 * volunteer holding the active claim needs to reach the person; the requester sees their own.
 */
export function needRevealReason(
  viewer: Viewer,
  group: { id: string; networkId: string },
  need: { requesterId: string | null },
  activeClaim: { volunteerId: string } | null,
): "self" | "coordinator" | "network_admin" | "claimer" | null {
  const userId = viewer.user?.id;
  if (!userId) return null;
  if (need.requesterId === userId) return "self";
  if (roleAtLeast(viewer.groupRoles.get(group.id), "coordinator")) return "coordinator";
  if (isNetworkAdmin(viewer, group.networkId)) return "network_admin";
  if (activeClaim?.volunteerId === userId) return "claimer";
  return null;
}
