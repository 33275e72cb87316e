// Groups, networks, memberships and invitations: the only SQL for them.
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/connect";
import { type GroupRole, groups, memberships, type NetworkRole, networkRoles } from "./schema";

export interface ViewerRoles {
  groupRoles: Map<string, GroupRole>;
  pendingGroups: Set<string>;
  networkRoles: Map<string, Set<NetworkRole>>;
}

/** A person's active group roles, pending join requests and network roles. */
export async function rolesOf(db: Db, userId: string): Promise<ViewerRoles> {
  const [member, network] = await Promise.all([
    db
      .select({ groupId: memberships.groupId, role: memberships.role, status: memberships.status })
      .from(memberships)
      .where(eq(memberships.userId, userId)),
    db
      .select({ networkId: networkRoles.networkId, role: networkRoles.role })
      .from(networkRoles)
      .where(eq(networkRoles.userId, userId)),
  ]);
  const groupRoles = new Map<string, GroupRole>();
  const pendingGroups = new Set<string>();
  for (const m of member) {
    if (m.status === "active") groupRoles.set(m.groupId, m.role);
    else pendingGroups.add(m.groupId);
  }
  const networkRolesMap = new Map<string, Set<NetworkRole>>();
  for (const n of network) {
    const set = networkRolesMap.get(n.networkId) ?? new Set<NetworkRole>();
    set.add(n.role);
    networkRolesMap.set(n.networkId, set);
  }
  return { groupRoles, pendingGroups, networkRoles: networkRolesMap };
}

/** The network a group belongs to, or null when there is no such group. */
export async function groupNetworkId(db: Db, groupId: string): Promise<string | null> {
  const [row] = await db
    .select({ networkId: groups.networkId })
    .from(groups)
    .where(eq(groups.id, groupId))
    .limit(1);
  return row?.networkId ?? null;
}

export async function membershipRole(
  db: Db,
  groupId: string,
  userId: string,
): Promise<GroupRole | null> {
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(
      and(
        eq(memberships.groupId, groupId),
        eq(memberships.userId, userId),
        eq(memberships.status, "active"),
      ),
    )
    .limit(1);
  return row?.role ?? null;
}
