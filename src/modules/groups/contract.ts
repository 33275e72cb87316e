// Request and response shapes of the groups API (importable by the web client).
import { z } from "zod";
import { timeZone } from "../setup/contract";
import { SETTING_LIMITS } from "./model";

export const groupMode = z.enum(["mutual_aid", "resource_sharing", "hybrid"]);
export const groupRole = z.enum(["member", "volunteer", "coordinator", "admin", "partner_staff"]);
export const networkRole = z.enum(["admin", "liaison"]);
export const language = z.enum(["en", "es"]);

const lngLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
export const groupArea = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("h3"), cells: z.array(z.string().max(20)).min(1).max(5000) }),
  z.strictObject({
    kind: z.literal("polygon"),
    coordinates: z.array(z.array(lngLat).min(4).max(10000)).min(1).max(50),
  }),
]);

const limit = (k: keyof typeof SETTING_LIMITS) =>
  z.number().int().min(SETTING_LIMITS[k].min).max(SETTING_LIMITS[k].max);

export const groupSettings = z.object({
  claimExpiryHours: limit("claimExpiryHours"),
  maxOpenClaimsPerVolunteer: limit("maxOpenClaimsPerVolunteer"),
  retentionDays: limit("retentionDays"),
  anonymityK: limit("anonymityK"),
  intakeRequiresTriage: z.boolean(),
});

const phone = z
  .string()
  .trim()
  .max(40)
  .refine((v) => /^\+?[0-9 ()./-]{5,40}$/.test(v), {
    params: { i18n: "field.phone", code: "invalid_phone" },
  });

const groupFields = {
  name: z.string().trim().min(2).max(120),
  description: z.string().trim().max(2000),
  mode: groupMode,
  area: groupArea.nullable(),
  languages: z.array(language).max(10),
  timeZone,
  contactEmail: z.email().max(254).nullable(),
  contactPhone: phone.nullable(),
  joining: z.enum(["open", "invite_only"]),
  autoApprove: z.boolean(),
};

export const createGroupRequest = z.strictObject({
  ...groupFields,
  description: groupFields.description.optional(),
  area: groupFields.area.optional(),
  languages: groupFields.languages.optional(),
  contactEmail: groupFields.contactEmail.optional(),
  contactPhone: groupFields.contactPhone.optional(),
  joining: groupFields.joining.optional(),
  autoApprove: groupFields.autoApprove.optional(),
  settings: groupSettings.partial().strict().optional(),
});
export type CreateGroupRequest = z.infer<typeof createGroupRequest>;

/** Every field optional: only what is sent changes. `settings` replaces the group's choices. */
export const updateGroupRequest = z.strictObject({
  name: groupFields.name.optional(),
  description: groupFields.description.optional(),
  mode: groupMode.optional(),
  area: groupFields.area.optional(),
  languages: groupFields.languages.optional(),
  timeZone: timeZone.optional(),
  contactEmail: groupFields.contactEmail.optional(),
  contactPhone: groupFields.contactPhone.optional(),
  joining: groupFields.joining.optional(),
  autoApprove: groupFields.autoApprove.optional(),
  settings: groupSettings.partial().strict().optional(),
});
export type UpdateGroupRequest = z.infer<typeof updateGroupRequest>;

/** The viewer's relation to a group. */
export const viewerStatus = z.object({
  role: groupRole.nullable(),
  pending: z.boolean(),
  networkAdmin: z.boolean(),
});

export const groupSummary = z.object({
  id: z.uuid(),
  networkId: z.uuid(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  mode: groupMode,
  languages: z.array(z.string()),
  joining: z.enum(["open", "invite_only"]),
  memberCount: z.number().int(),
  viewer: viewerStatus,
});
export type GroupSummary = z.infer<typeof groupSummary>;

export const groupDetail = groupSummary.extend({
  area: groupArea.nullable(),
  timeZone: z.string(),
  contactEmail: z.string().nullable(),
  contactPhone: z.string().nullable(),
  autoApprove: z.boolean(),
  /** Effective settings: the mode's defaults with the group's own choices. */
  settings: groupSettings,
  /** Which settings the group chose itself (the rest follow the mode). */
  customisedSettings: z.array(z.string()),
  createdAt: z.iso.datetime(),
});
export type GroupDetail = z.infer<typeof groupDetail>;

export const groupListQuery = z.strictObject({
  networkId: z.uuid().optional(),
  search: z.string().trim().max(100).optional(),
  mine: z.enum(["true", "false"]).optional(),
});
export const groupListResponse = z.object({ groups: z.array(groupSummary) });

export const networkSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  defaultLanguage: z.string(),
  timeZone: z.string(),
  groupCount: z.number().int(),
  viewerRoles: z.array(networkRole),
});
export const networkListResponse = z.object({ networks: z.array(networkSummary) });

export const groupParams = z.strictObject({ groupId: z.uuid() });
export const networkParams = z.strictObject({ networkId: z.uuid() });
export const memberParams = z.strictObject({ groupId: z.uuid(), userId: z.uuid() });
export const invitationParams = z.strictObject({
  groupId: z.uuid(),
  invitationId: z.string().regex(/^[0-9a-f]{64}$/),
});
export const tokenParams = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });

/** Contact fields appear only when the viewer may see them (and each showing is logged). */
export const member = z.object({
  userId: z.uuid(),
  name: z.string(),
  role: groupRole,
  joinedAt: z.iso.datetime(),
  email: z.string().optional(),
  phone: z.string().optional(),
});
export type Member = z.infer<typeof member>;
export const memberListResponse = z.object({ members: z.array(member) });

export const joinRequest = z.object({
  userId: z.uuid(),
  name: z.string(),
  requestedAt: z.iso.datetime(),
});
export const joinRequestListResponse = z.object({ requests: z.array(joinRequest) });

export const joinResponse = z.object({ status: z.enum(["active", "pending"]), role: groupRole });

export const changeRoleRequest = z.strictObject({ role: groupRole });

export const createInvitationRequest = z.strictObject({
  role: z.enum(["member", "volunteer", "coordinator", "admin", "partner_staff"]).default("member"),
  maxUses: z.number().int().min(1).max(500).default(1),
  expiresInDays: z.number().int().min(1).max(30).default(7),
});
export const invitationCreated = z.object({
  id: z.string(),
  token: z.string(),
  url: z.string(),
  role: groupRole,
  maxUses: z.number().int(),
  expiresAt: z.iso.datetime(),
});
export const invitationSummary = z.object({
  id: z.string(),
  role: groupRole,
  maxUses: z.number().int(),
  uses: z.number().int(),
  createdByName: z.string().nullable(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
});
export const invitationListResponse = z.object({ invitations: z.array(invitationSummary) });

/** What a person opening an invitation link sees before accepting. */
export const invitationPreview = z.object({
  group: z.object({ id: z.uuid(), name: z.string(), slug: z.string(), description: z.string() }),
  role: groupRole,
  expiresAt: z.iso.datetime(),
});

export const auditEntry = z.object({
  id: z.uuid(),
  action: z.string(),
  actorName: z.string().nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  /** For role changes and membership actions: the person acted upon. */
  targetName: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  createdAt: z.iso.datetime(),
});
export const auditListQuery = z.strictObject({
  before: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const auditListResponse = z.object({
  entries: z.array(auditEntry),
  nextBefore: z.uuid().nullable(),
});

export const setNetworkRolesRequest = z.strictObject({ roles: z.array(networkRole).max(2) });

export const myMembershipsResponse = z.object({
  memberships: z.array(
    z.object({
      groupId: z.uuid(),
      groupName: z.string(),
      groupSlug: z.string(),
      role: groupRole,
      status: z.enum(["active", "pending"]),
    }),
  ),
  networkRoles: z.array(z.object({ networkId: z.uuid(), role: networkRole })),
});
