// Who may do what with networks, groups, memberships and invitations: one rule per action.
import {
  anyone,
  anyRoleInGroup,
  definePolicies,
  groupExists,
  inGroup,
  networkAdmin,
  signedIn,
  signedInToGroup,
} from "../../server/policy";
import { isNetworkAdmin, roleAtLeast, type Viewer } from "../../server/viewer";
import type { ContactPreferences } from "../accounts/schema";

export const groupsPolicy = definePolicies("groups", {
  listNetworks: anyone,
  createGroup: networkAdmin,
  setNetworkRoles: networkAdmin,
  list: anyone,
  read: groupExists,
  update: inGroup("admin"),
  join: signedInToGroup,
  leave: anyRoleInGroup,
  listMembers: inGroup("member"),
  changeRole: inGroup("admin"),
  removeMember: inGroup("admin"),
  listJoinRequests: inGroup("coordinator"),
  decideJoinRequest: inGroup("coordinator"),
  createInvitation: inGroup("coordinator"),
  listInvitations: inGroup("coordinator"),
  revokeInvitation: inGroup("coordinator"),
  previewInvitation: anyone,
  acceptInvitation: signedIn,
  readAudit: inGroup("admin"),
  myMemberships: signedIn,
});

export type ContactField = "email" | "phone";

/**
 * Why the viewer may see a member's email or phone, or null. Coordinators and admins of the
 * group (and network admins) coordinate people and see contacts; fellow members see only what
 * the person chose to share with members. Everyone sees their own.
 */
export function contactRevealReason(
  viewer: Viewer,
  group: { id: string; networkId: string },
  subject: { userId: string; preferences: ContactPreferences },
  field: ContactField,
): "self" | "coordinator" | "network_admin" | "shared_with_members" | null {
  if (!viewer.user) return null;
  if (viewer.user.id === subject.userId) return "self";
  const role = viewer.groupRoles.get(group.id);
  if (roleAtLeast(role, "coordinator")) return "coordinator";
  if (isNetworkAdmin(viewer, group.networkId)) return "network_admin";
  if (!roleAtLeast(role, "member")) return null;
  const shared =
    field === "email"
      ? subject.preferences.shareEmailWithMembers
      : subject.preferences.sharePhoneWithMembers;
  return shared ? "shared_with_members" : null;
}
