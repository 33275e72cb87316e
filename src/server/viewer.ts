// Who is asking: the signed-in person (or nobody) with their roles, loaded once per request.
import type { GroupRole, NetworkRole } from "../modules/groups/schema";

export interface Viewer {
  user: {
    id: string;
    name: string;
    email: string | null;
    emailVerified: boolean;
  } | null;
  sessionId: string | null;
  groupRoles: Map<string, GroupRole>;
  pendingGroups: Set<string>;
  networkRoles: Map<string, Set<NetworkRole>>;
}

export const anonymousViewer = (): Viewer => ({
  user: null,
  sessionId: null,
  groupRoles: new Map(),
  pendingGroups: new Set(),
  networkRoles: new Map(),
});

const RANK: Record<GroupRole, number> = {
  partner_staff: 0,
  member: 1,
  volunteer: 2,
  coordinator: 3,
  admin: 4,
};

/** True when `role` is at least `min` in the member → volunteer → coordinator → admin ladder. */
export function roleAtLeast(role: GroupRole | undefined, min: GroupRole): boolean {
  if (!role) return false;
  if (min === "partner_staff") return role === "partner_staff" || RANK[role] >= RANK.coordinator;
  if (role === "partner_staff") return false;
  return RANK[role] >= RANK[min];
}

export function isNetworkAdmin(viewer: Viewer, networkId: string | null | undefined): boolean {
  return !!networkId && (viewer.networkRoles.get(networkId)?.has("admin") ?? false);
}

export function hasNetworkRole(
  viewer: Viewer,
  networkId: string | null | undefined,
  role: NetworkRole,
): boolean {
  return !!networkId && (viewer.networkRoles.get(networkId)?.has(role) ?? false);
}
