// Groups, networks, memberships and invitations: the only SQL for them.
import { and, asc, desc, eq, gt, isNull, lt, type SQL, sql } from "drizzle-orm";
import { uuidv7 } from "uuidv7";
import type { Db } from "../../db/connect";
import { roleAtLeast } from "../../server/viewer";
import { type ContactPreferences, users } from "../accounts/schema";
import { recordAudit } from "../audit/store";
import { leavesNoAdmin } from "./model";
import {
  type GroupRole,
  groups,
  invitations,
  memberships,
  type NetworkRole,
  networkRoles,
  networks,
} from "./schema";

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

// ---- networks ----

export type NetworkRow = typeof networks.$inferSelect;
export type GroupRow = typeof groups.$inferSelect;

export async function listNetworks(db: Db): Promise<(NetworkRow & { groupCount: number })[]> {
  const rows = await db
    .select({
      network: networks,
      groupCount: sql<number>`(select count(*)::int from ${groups} where ${groups.networkId} = ${networks.id})`,
    })
    .from(networks)
    .orderBy(asc(networks.createdAt));
  return rows.map((r) => ({ ...r.network, groupCount: Number(r.groupCount) }));
}

export async function networkExists(db: Db, networkId: string): Promise<boolean> {
  const rows = await db
    .select({ id: networks.id })
    .from(networks)
    .where(eq(networks.id, networkId));
  return rows.length > 0;
}

/** Replaces a person's roles in a network; refuses to remove the last administrator. */
export async function setNetworkRoles(
  db: Db,
  networkId: string,
  userId: string,
  roles: NetworkRole[],
  actorId: string,
): Promise<"ok" | "last_admin"> {
  return db.transaction(async (tx) => {
    const admins = await tx
      .select({ userId: networkRoles.userId })
      .from(networkRoles)
      .where(and(eq(networkRoles.networkId, networkId), eq(networkRoles.role, "admin")))
      .for("update");
    const isAdmin = admins.some((a) => a.userId === userId);
    if (isAdmin && !roles.includes("admin") && admins.length <= 1) return "last_admin";
    await tx
      .delete(networkRoles)
      .where(and(eq(networkRoles.networkId, networkId), eq(networkRoles.userId, userId)));
    if (roles.length) {
      await tx.insert(networkRoles).values(roles.map((role) => ({ networkId, userId, role })));
    }
    await recordAudit(tx, {
      networkId,
      actorId,
      action: "network.roles_changed",
      targetType: "user",
      targetId: userId,
      details: { roles },
    });
    return "ok";
  });
}

// ---- groups ----

export async function slugTaken(db: Db, networkId: string, slug: string): Promise<boolean> {
  const rows = await db
    .select({ id: groups.id })
    .from(groups)
    .where(and(eq(groups.networkId, networkId), eq(groups.slug, slug)));
  return rows.length > 0;
}

export async function createGroup(
  db: Db,
  values: Omit<typeof groups.$inferInsert, "id" | "createdAt">,
  creatorId: string,
): Promise<GroupRow> {
  return db.transaction(async (tx) => {
    let slug = values.slug;
    for (let n = 2; await slugTaken(tx, values.networkId, slug); n++) slug = `${values.slug}-${n}`;
    const [group] = await tx
      .insert(groups)
      .values({ ...values, slug, id: uuidv7() })
      .returning();
    if (!group) throw new Error("group insert returned nothing");
    await tx.insert(memberships).values({
      groupId: group.id,
      userId: creatorId,
      role: "admin",
      status: "active",
      decidedBy: creatorId,
    });
    await recordAudit(tx, {
      networkId: group.networkId,
      groupId: group.id,
      actorId: creatorId,
      action: "group.created",
      targetType: "group",
      targetId: group.id,
      details: { name: group.name, mode: group.mode },
    });
    return group;
  });
}

export async function getGroup(db: Db, groupId: string): Promise<GroupRow | null> {
  const [row] = await db.select().from(groups).where(eq(groups.id, groupId)).limit(1);
  return row ?? null;
}

const activeMemberCount = sql<number>`(select count(*)::int from ${memberships} where ${memberships.groupId} = ${groups.id} and ${memberships.status} = 'active')`;

export async function memberCount(db: Db, groupId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .where(and(eq(memberships.groupId, groupId), eq(memberships.status, "active")));
  return Number(row?.n ?? 0);
}

export interface GroupListFilter {
  networkId?: string;
  search?: string;
  /** Only groups this person belongs to (or asked to join). */
  memberUserId?: string;
}

export async function listGroups(
  db: Db,
  filter: GroupListFilter,
): Promise<(GroupRow & { memberCount: number })[]> {
  const conditions: SQL[] = [];
  if (filter.networkId) conditions.push(eq(groups.networkId, filter.networkId));
  if (filter.search) {
    const pattern = `%${filter.search.replace(/[\\%_]/g, "\\$&")}%`;
    conditions.push(
      sql`(unaccent(${groups.name}) ilike unaccent(${pattern}) or unaccent(${groups.description}) ilike unaccent(${pattern}))`,
    );
  }
  if (filter.memberUserId) {
    conditions.push(
      sql`exists (select 1 from ${memberships} where ${memberships.groupId} = ${groups.id} and ${memberships.userId} = ${filter.memberUserId})`,
    );
  }
  const rows = await db
    .select({ group: groups, memberCount: activeMemberCount })
    .from(groups)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(groups.name))
    .limit(500);
  return rows.map((r) => ({ ...r.group, memberCount: Number(r.memberCount) }));
}

export async function updateGroup(
  db: Db,
  groupId: string,
  patch: Partial<typeof groups.$inferInsert>,
  audit: { actorId: string; networkId: string; changed: string[] },
): Promise<GroupRow> {
  return db.transaction(async (tx) => {
    const [row] = await tx.update(groups).set(patch).where(eq(groups.id, groupId)).returning();
    if (!row) throw new Error("group vanished during update");
    await recordAudit(tx, {
      networkId: audit.networkId,
      groupId,
      actorId: audit.actorId,
      action: "group.updated",
      targetType: "group",
      targetId: groupId,
      details: { changed: audit.changed },
    });
    return row;
  });
}

// ---- memberships ----

export interface MemberRow {
  userId: string;
  name: string;
  email: string | null;
  phone: string | null;
  preferences: ContactPreferences;
  role: GroupRole;
  status: "active" | "pending";
  joinedAt: Date;
}

export async function listMemberships(
  db: Db,
  groupId: string,
  status: "active" | "pending",
): Promise<MemberRow[]> {
  return db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      phone: users.phone,
      preferences: users.contactPreferences,
      role: memberships.role,
      status: memberships.status,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.groupId, groupId), eq(memberships.status, status)))
    .orderBy(asc(memberships.createdAt));
}

export async function getMembership(
  db: Db,
  groupId: string,
  userId: string,
): Promise<{ role: GroupRole; status: "active" | "pending" } | null> {
  const [row] = await db
    .select({ role: memberships.role, status: memberships.status })
    .from(memberships)
    .where(and(eq(memberships.groupId, groupId), eq(memberships.userId, userId)));
  return row ?? null;
}

/** Asks to join (or joins, when the group approves automatically). Idempotent. */
export async function requestToJoin(
  db: Db,
  group: GroupRow,
  userId: string,
): Promise<{ status: "active" | "pending"; role: GroupRole }> {
  return db.transaction(async (tx) => {
    const existing = await getMembership(tx, group.id, userId);
    if (existing) return existing;
    const status = group.autoApprove ? "active" : "pending";
    await tx.insert(memberships).values({ groupId: group.id, userId, role: "member", status });
    await recordAudit(tx, {
      networkId: group.networkId,
      groupId: group.id,
      actorId: userId,
      action: status === "active" ? "member.joined" : "join.requested",
      targetType: "user",
      targetId: userId,
    });
    return { status, role: "member" as const };
  });
}

export type MembershipChange =
  | { kind: "role"; role: GroupRole }
  | { kind: "remove" }
  | { kind: "leave" }
  | { kind: "approve" }
  | { kind: "decline" };

/**
 * Changes one membership under a lock on the group's admins, so two admins demoting each other
 * at once cannot leave the group without one.
 */
export async function changeMembership(
  db: Db,
  group: GroupRow,
  userId: string,
  change: MembershipChange,
  actorId: string,
): Promise<"ok" | "not_found" | "last_admin"> {
  return db.transaction(async (tx) => {
    const admins = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(
        and(
          eq(memberships.groupId, group.id),
          eq(memberships.role, "admin"),
          eq(memberships.status, "active"),
        ),
      )
      .for("update");
    const current = await getMembership(tx, group.id, userId);
    const wantStatus =
      change.kind === "approve" || change.kind === "decline" ? "pending" : "active";
    if (!current || current.status !== wantStatus) return "not_found";
    const isAdmin = current.role === "admin" && current.status === "active";
    const newRole =
      change.kind === "role" ? change.role : change.kind === "approve" ? current.role : null;
    if (
      change.kind !== "approve" &&
      change.kind !== "decline" &&
      leavesNoAdmin(admins.length, isAdmin, newRole)
    ) {
      return "last_admin";
    }
    const where = and(eq(memberships.groupId, group.id), eq(memberships.userId, userId));
    let action: string;
    let details: Record<string, unknown> = {};
    switch (change.kind) {
      case "role":
        await tx.update(memberships).set({ role: change.role }).where(where);
        action = "member.role_changed";
        details = { from: current.role, to: change.role };
        break;
      case "approve":
        await tx.update(memberships).set({ status: "active", decidedBy: actorId }).where(where);
        action = "join.approved";
        break;
      case "decline":
        await tx.delete(memberships).where(where);
        action = "join.declined";
        break;
      case "remove":
        await tx.delete(memberships).where(where);
        action = "member.removed";
        details = { role: current.role };
        break;
      case "leave":
        await tx.delete(memberships).where(where);
        action = "member.left";
        details = { role: current.role };
        break;
    }
    await recordAudit(tx, {
      networkId: group.networkId,
      groupId: group.id,
      actorId,
      action,
      targetType: "user",
      targetId: userId,
      details,
    });
    return "ok";
  });
}

export interface MyMembership {
  groupId: string;
  groupName: string;
  groupSlug: string;
  role: GroupRole;
  status: "active" | "pending";
}

export async function membershipsOf(db: Db, userId: string): Promise<MyMembership[]> {
  return db
    .select({
      groupId: groups.id,
      groupName: groups.name,
      groupSlug: groups.slug,
      role: memberships.role,
      status: memberships.status,
    })
    .from(memberships)
    .innerJoin(groups, eq(groups.id, memberships.groupId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(groups.name));
}

// ---- invitations ----

export type InvitationRow = typeof invitations.$inferSelect;

export async function createInvitation(
  db: Db,
  group: GroupRow,
  values: {
    tokenHash: string;
    role: GroupRole;
    maxUses: number;
    expiresAt: Date;
    createdBy: string;
  },
): Promise<InvitationRow> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(invitations)
      .values({
        id: values.tokenHash,
        groupId: group.id,
        role: values.role,
        maxUses: values.maxUses,
        expiresAt: values.expiresAt,
        createdBy: values.createdBy,
      })
      .returning();
    if (!row) throw new Error("invitation insert returned nothing");
    await recordAudit(tx, {
      networkId: group.networkId,
      groupId: group.id,
      actorId: values.createdBy,
      action: "invitation.created",
      targetType: "invitation",
      targetId: row.id.slice(0, 12),
      details: { role: values.role, maxUses: values.maxUses },
    });
    return row;
  });
}

export async function listInvitations(
  db: Db,
  groupId: string,
  now: Date,
): Promise<(InvitationRow & { createdByName: string | null })[]> {
  const rows = await db
    .select({ invitation: invitations, createdByName: users.name })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.createdBy))
    .where(
      and(
        eq(invitations.groupId, groupId),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
        lt(invitations.uses, invitations.maxUses),
      ),
    )
    .orderBy(desc(invitations.createdAt));
  return rows.map((r) => ({ ...r.invitation, createdByName: r.createdByName }));
}

export async function revokeInvitation(
  db: Db,
  group: GroupRow,
  invitationId: string,
  actorId: string,
  now: Date,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const revoked = await tx
      .update(invitations)
      .set({ revokedAt: now })
      .where(
        and(
          eq(invitations.id, invitationId),
          eq(invitations.groupId, group.id),
          isNull(invitations.revokedAt),
        ),
      )
      .returning({ id: invitations.id });
    if (!revoked.length) return false;
    await recordAudit(tx, {
      networkId: group.networkId,
      groupId: group.id,
      actorId,
      action: "invitation.revoked",
      targetType: "invitation",
      targetId: invitationId.slice(0, 12),
    });
    return true;
  });
}

/** A usable invitation (not revoked, expired or used up) with its group, or null. */
export async function findUsableInvitation(
  db: Db,
  tokenHash: string,
  now: Date,
): Promise<{ invitation: InvitationRow; group: GroupRow } | null> {
  const [row] = await db
    .select({ invitation: invitations, group: groups })
    .from(invitations)
    .innerJoin(groups, eq(groups.id, invitations.groupId))
    .where(
      and(
        eq(invitations.id, tokenHash),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
        lt(invitations.uses, invitations.maxUses),
      ),
    );
  return row ?? null;
}

/**
 * Uses one invitation: counts the use only while uses remain (a conditional update, so a
 * single-use link cannot be used twice at once), then makes the membership active with the
 * invitation's role, or keeps an existing higher role.
 */
export async function acceptInvitation(
  db: Db,
  tokenHash: string,
  userId: string,
  now: Date,
): Promise<{ group: GroupRow; role: GroupRole } | null> {
  return db.transaction(async (tx) => {
    const [used] = await tx
      .update(invitations)
      .set({ uses: sql`${invitations.uses} + 1` })
      .where(
        and(
          eq(invitations.id, tokenHash),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, now),
          lt(invitations.uses, invitations.maxUses),
        ),
      )
      .returning();
    if (!used) return null;
    const group = await getGroup(tx, used.groupId);
    if (!group) return null;
    const existing = await getMembership(tx, group.id, userId);
    let role: GroupRole = used.role;
    if (existing?.status === "active") {
      if (roleAtLeast(existing.role, used.role)) role = existing.role;
      await tx
        .update(memberships)
        .set({ role })
        .where(and(eq(memberships.groupId, group.id), eq(memberships.userId, userId)));
    } else if (existing) {
      await tx
        .update(memberships)
        .set({ role, status: "active", decidedBy: used.createdBy })
        .where(and(eq(memberships.groupId, group.id), eq(memberships.userId, userId)));
    } else {
      await tx
        .insert(memberships)
        .values({ groupId: group.id, userId, role, status: "active", decidedBy: used.createdBy });
    }
    await recordAudit(tx, {
      networkId: group.networkId,
      groupId: group.id,
      actorId: userId,
      action: "member.joined",
      targetType: "user",
      targetId: userId,
      details: { role, via: "invitation" },
    });
    return { group, role };
  });
}
