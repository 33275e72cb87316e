// The groups API: fetchers and TanStack Query keys.
import { apiFetch } from "./api";
import type {
  AuditPage,
  GroupDetail,
  GroupRole,
  GroupSettings,
  GroupSummary,
  InvitationCreated,
  InvitationPreview,
  InvitationSummary,
  JoinRequest,
  JoinResponse,
  Member,
  MyMemberships,
  NetworkSummary,
} from "./types";

const v1 = "/api/v1";
const id = encodeURIComponent;

export const groupKeys = {
  all: ["groups"] as const,
  list: (search: string, mine: boolean) => ["groups", "list", { search, mine }] as const,
  detail: (groupId: string) => ["groups", groupId] as const,
  members: (groupId: string) => ["groups", groupId, "members"] as const,
  joinRequests: (groupId: string) => ["groups", groupId, "join-requests"] as const,
  invitations: (groupId: string) => ["groups", groupId, "invitations"] as const,
  audit: (groupId: string) => ["groups", groupId, "audit"] as const,
  networks: ["networks"] as const,
  memberships: ["me", "memberships"] as const,
  invitation: (token: string) => ["invitation", token] as const,
};

export async function listGroups(search: string, mine: boolean, signal?: AbortSignal) {
  const query = new URLSearchParams();
  if (search.trim()) query.set("search", search.trim());
  if (mine) query.set("mine", "true");
  const suffix = query.size ? `?${query}` : "";
  const body = await apiFetch<{ groups: GroupSummary[] }>(`${v1}/groups${suffix}`, { signal });
  return body.groups;
}

export async function listNetworks(signal?: AbortSignal) {
  return (await apiFetch<{ networks: NetworkSummary[] }>(`${v1}/networks`, { signal })).networks;
}

export function getGroup(groupId: string, signal?: AbortSignal) {
  return apiFetch<GroupDetail>(`${v1}/groups/${id(groupId)}`, { signal });
}

export interface GroupFields {
  name: string;
  description: string;
  mode: GroupDetail["mode"];
  languages: ("en" | "es")[];
  timeZone: string;
  contactEmail: string | null;
  contactPhone: string | null;
  joining: GroupDetail["joining"];
  autoApprove: boolean;
  area: GroupDetail["area"];
}

export function createGroup(networkId: string, fields: GroupFields) {
  return apiFetch<GroupDetail>(`${v1}/networks/${id(networkId)}/groups`, {
    method: "POST",
    json: fields,
  });
}

export function updateGroup(
  groupId: string,
  fields: Partial<GroupFields> & { settings?: Partial<GroupSettings> },
) {
  return apiFetch<GroupDetail>(`${v1}/groups/${id(groupId)}`, { method: "PATCH", json: fields });
}

export function joinGroup(groupId: string) {
  return apiFetch<JoinResponse>(`${v1}/groups/${id(groupId)}/join`, { method: "POST" });
}

export function leaveGroup(groupId: string) {
  return apiFetch<unknown>(`${v1}/groups/${id(groupId)}/leave`, { method: "POST" });
}

export async function listMembers(groupId: string, signal?: AbortSignal) {
  const path = `${v1}/groups/${id(groupId)}/members`;
  return (await apiFetch<{ members: Member[] }>(path, { signal })).members;
}

export function changeRole(groupId: string, userId: string, role: GroupRole) {
  return apiFetch<unknown>(`${v1}/groups/${id(groupId)}/members/${id(userId)}`, {
    method: "PATCH",
    json: { role },
  });
}

export function removeMember(groupId: string, userId: string) {
  return apiFetch<unknown>(`${v1}/groups/${id(groupId)}/members/${id(userId)}`, {
    method: "DELETE",
  });
}

export async function listJoinRequests(groupId: string, signal?: AbortSignal) {
  const path = `${v1}/groups/${id(groupId)}/join-requests`;
  return (await apiFetch<{ requests: JoinRequest[] }>(path, { signal })).requests;
}

export function answerJoinRequest(groupId: string, userId: string, answer: "approve" | "decline") {
  return apiFetch<unknown>(`${v1}/groups/${id(groupId)}/join-requests/${id(userId)}/${answer}`, {
    method: "POST",
  });
}

export async function listInvitations(groupId: string, signal?: AbortSignal) {
  const path = `${v1}/groups/${id(groupId)}/invitations`;
  return (await apiFetch<{ invitations: InvitationSummary[] }>(path, { signal })).invitations;
}

export function createInvitation(
  groupId: string,
  invitation: { role: GroupRole; maxUses: number; expiresInDays: number },
) {
  return apiFetch<InvitationCreated>(`${v1}/groups/${id(groupId)}/invitations`, {
    method: "POST",
    json: invitation,
  });
}

export function revokeInvitation(groupId: string, invitationId: string) {
  return apiFetch<unknown>(`${v1}/groups/${id(groupId)}/invitations/${id(invitationId)}`, {
    method: "DELETE",
  });
}

export function previewInvitation(token: string, signal?: AbortSignal) {
  return apiFetch<InvitationPreview>(`${v1}/invitations/${id(token)}`, { signal });
}

export function acceptInvitation(token: string) {
  return apiFetch<JoinResponse>(`${v1}/invitations/${id(token)}/accept`, { method: "POST" });
}

export function listAudit(groupId: string, before: string | null, signal?: AbortSignal) {
  const query = new URLSearchParams({ limit: "30" });
  if (before) query.set("before", before);
  return apiFetch<AuditPage>(`${v1}/groups/${id(groupId)}/audit?${query}`, { signal });
}

export function myMemberships(signal?: AbortSignal) {
  return apiFetch<MyMemberships>(`${v1}/me/memberships`, { signal });
}
