// What leaves the server about an account. Only the person themself sees these: their own email
// and phone, never a password hash, token hash or session id. Other modules that show people to
// each other have their own presenters (and write reveal-log rows).
import type { RevealRow } from "../audit/store";
import type { Me, MyDataExport } from "./contract";
import { cleanLanguages } from "./model";
import type {
  auditInvolving,
  heldMemberships,
  heldNetworkRoles,
  heldTokens,
  UserRow,
} from "./store";

/**
 * The person's own profile. Extend by spreading: `{ ...presentMe(user), memberships }` with
 * `meResponse.extend({ memberships })` as the route's response schema.
 */
export function presentMe(user: UserRow): Me {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    emailVerified: user.emailVerifiedAt !== null,
    phone: user.phone,
    languages: cleanLanguages(user.languages),
    contactPreferences: {
      channels: user.contactPreferences.channels,
      shareEmailWithMembers: user.contactPreferences.shareEmailWithMembers,
      sharePhoneWithMembers: user.contactPreferences.sharePhoneWithMembers,
    },
    createdAt: user.createdAt.toISOString(),
  };
}

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export interface HeldData {
  user: UserRow;
  currentSessionId: string | null;
  sessions: {
    id: string;
    createdAt: Date;
    lastSeenAt: Date;
    expiresAt: Date;
    userAgent: string | null;
  }[];
  tokens: Awaited<ReturnType<typeof heldTokens>>;
  memberships: Awaited<ReturnType<typeof heldMemberships>>;
  networkRoles: Awaited<ReturnType<typeof heldNetworkRoles>>;
  audit: Awaited<ReturnType<typeof auditInvolving>>;
  reveals: RevealRow[];
}

/** Everything held about the person, for their data download (no hashes, no session ids). */
export function presentMyData(data: HeldData, now: Date): MyDataExport {
  const { user } = data;
  return {
    format: "mutuo-my-data/1",
    exportedAt: iso(now),
    profile: {
      ...presentMe(user),
      hasPassword: user.passwordHash !== null,
      emailVerifiedAt: isoOrNull(user.emailVerifiedAt),
      failedSignIns: user.failedSignIns,
      lockedUntil: isoOrNull(user.lockedUntil),
    },
    sessions: data.sessions.map((s) => ({
      current: s.id === data.currentSessionId,
      createdAt: iso(s.createdAt),
      lastSeenAt: iso(s.lastSeenAt),
      expiresAt: iso(s.expiresAt),
      userAgent: s.userAgent,
    })),
    emailLinks: data.tokens.map((t) => ({
      purpose: t.purpose,
      createdAt: iso(t.createdAt),
      expiresAt: iso(t.expiresAt),
      usedAt: isoOrNull(t.usedAt),
    })),
    memberships: data.memberships.map((m) => ({
      groupId: m.groupId,
      groupName: m.groupName,
      role: m.role,
      status: m.status,
      since: iso(m.createdAt),
    })),
    networkRoles: data.networkRoles.map((r) => ({
      networkId: r.networkId,
      networkName: r.networkName,
      role: r.role,
      since: iso(r.createdAt),
    })),
    auditEntries: data.audit.map((a) => ({
      action: a.action,
      byMe: a.actorId === user.id,
      networkId: a.networkId,
      groupId: a.groupId,
      targetType: a.targetType,
      targetId: a.targetId,
      details: a.details,
      at: iso(a.createdAt),
    })),
    reveals: data.reveals.map((r) => ({
      direction: r.subjectUserId === user.id ? ("about_me" as const) : ("by_me" as const),
      viewerId: r.viewerId,
      subjectUserId: r.subjectUserId,
      subjectType: r.subjectType,
      subjectId: r.subjectId,
      field: r.field,
      reason: r.reason,
      groupId: r.groupId,
      at: iso(r.createdAt),
    })),
  };
}
