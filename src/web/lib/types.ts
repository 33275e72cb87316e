// Shapes of the API's answers, taken from the server's contracts as types only: nothing of the
// server (or of Zod) reaches the browser bundle.
import type { z } from "zod";
import type { Me } from "../../modules/accounts/contract";
import type {
  auditEntry,
  auditListResponse,
  groupDetail,
  groupSettings,
  groupSummary,
  invitationCreated,
  invitationPreview,
  invitationSummary,
  joinRequest,
  joinResponse,
  member,
  myMembershipsResponse,
  networkSummary,
} from "../../modules/groups/contract";

export type { GroupMode, GroupRole } from "../../modules/groups/schema";
export type Joining = GroupDetail["joining"];

export type GroupSummary = z.infer<typeof groupSummary>;
export type GroupDetail = z.infer<typeof groupDetail>;
export type GroupSettings = z.infer<typeof groupSettings>;
export type NetworkSummary = z.infer<typeof networkSummary>;
export type Member = z.infer<typeof member>;
export type JoinRequest = z.infer<typeof joinRequest>;
export type JoinResponse = z.infer<typeof joinResponse>;
export type InvitationCreated = z.infer<typeof invitationCreated>;
export type InvitationSummary = z.infer<typeof invitationSummary>;
export type InvitationPreview = z.infer<typeof invitationPreview>;
export type AuditEntry = z.infer<typeof auditEntry>;
export type AuditPage = z.infer<typeof auditListResponse>;
export type MyMemberships = z.infer<typeof myMembershipsResponse>;

export type { Me } from "../../modules/accounts/contract";
export type ContactPreferences = Me["contactPreferences"];
export type ContactChannel = ContactPreferences["channels"][number];
