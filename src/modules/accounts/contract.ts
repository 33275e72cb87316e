// Request and response shapes of the accounts API (also imported by the web client).
import { z } from "zod";
import { PASSWORD_MAX, PASSWORD_MIN } from "../../lib/password";
import { isPhoneNumber } from "./model";

export const languageCode = z.enum(["en", "es"]);
export const contactChannel = z.enum(["email", "sms", "phone"]);

/** Trimmed and lower-cased before it is checked, so " Ana@Example.org" signs in as ana@example.org. */
export const email = z.string().trim().toLowerCase().max(254).email();
export const password = z.string().min(PASSWORD_MIN).max(PASSWORD_MAX);
export const personName = z.string().trim().min(1).max(120);
export const phone = z
  .string()
  .trim()
  .max(32)
  .refine(isPhoneNumber, { params: { i18n: "field.phone_number", code: "invalid_phone" } });
/** An emailed token as it arrives from the link's #token=… (43 base64url characters). */
export const token = z.string().min(1).max(100);

export const contactPreferences = z.strictObject({
  channels: z
    .array(contactChannel)
    .max(3)
    .refine((c) => new Set(c).size === c.length, {
      params: { i18n: "field.no_repeats", code: "duplicate" },
    }),
  shareEmailWithMembers: z.boolean(),
  sharePhoneWithMembers: z.boolean(),
});
export type ContactPreferencesInput = z.infer<typeof contactPreferences>;

const languageList = z
  .array(languageCode)
  .max(2)
  .refine((l) => new Set(l).size === l.length, {
    params: { i18n: "field.no_repeats", code: "duplicate" },
  });

// ---- requests ----

export const signUpRequest = z.strictObject({
  name: personName,
  email,
  password,
  phone: phone.optional(),
  language: languageCode.optional(),
  /** Honeypot: hidden from people, filled by bots. Must be empty or absent. */
  website: z.string().max(500).optional(),
});
export type SignUpRequest = z.infer<typeof signUpRequest>;

export const signInRequest = z.strictObject({
  email,
  // Not held to the sign-up rules: an old password must still be accepted, and a wrong one
  // should get "wrong email or password", never a hint about length.
  password: z.string().min(1).max(PASSWORD_MAX),
});
export type SignInRequest = z.infer<typeof signInRequest>;

export const emailOnlyRequest = z.strictObject({ email });
export type EmailOnlyRequest = z.infer<typeof emailOnlyRequest>;

export const tokenRequest = z.strictObject({ token });
export type TokenRequest = z.infer<typeof tokenRequest>;

export const passwordResetCompleteRequest = z.strictObject({ token, password });
export type PasswordResetCompleteRequest = z.infer<typeof passwordResetCompleteRequest>;

export const updateMeRequest = z.strictObject({
  name: personName.optional(),
  /** null removes the phone number. */
  phone: phone.nullable().optional(),
  languages: languageList.optional(),
  contactPreferences: contactPreferences.optional(),
});
export type UpdateMeRequest = z.infer<typeof updateMeRequest>;

/** Deleting needs the password, or the word DELETE when the account has no password. */
export const deleteMeRequest = z.strictObject({
  password: z.string().min(1).max(PASSWORD_MAX).optional(),
  confirmation: z.string().max(20).optional(),
});
export type DeleteMeRequest = z.infer<typeof deleteMeRequest>;
export const DELETE_CONFIRMATION = "DELETE";

// ---- responses ----

export const meResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string().nullable(),
  emailVerified: z.boolean(),
  phone: z.string().nullable(),
  languages: z.array(languageCode),
  contactPreferences: z.object({
    channels: z.array(contactChannel),
    shareEmailWithMembers: z.boolean(),
    sharePhoneWithMembers: z.boolean(),
  }),
  createdAt: z.iso.datetime(),
});
export type Me = z.infer<typeof meResponse>;

const time = z.iso.datetime();
const maybeTime = time.nullable();

export const exportResponse = z.object({
  format: z.literal("mutuo-my-data/1"),
  exportedAt: time,
  profile: meResponse.extend({
    hasPassword: z.boolean(),
    emailVerifiedAt: maybeTime,
    failedSignIns: z.number().int(),
    lockedUntil: maybeTime,
  }),
  sessions: z.array(
    z.object({
      current: z.boolean(),
      createdAt: time,
      lastSeenAt: time,
      expiresAt: time,
      userAgent: z.string().nullable(),
    }),
  ),
  emailLinks: z.array(
    z.object({ purpose: z.string(), createdAt: time, expiresAt: time, usedAt: maybeTime }),
  ),
  memberships: z.array(
    z.object({
      groupId: z.uuid(),
      groupName: z.string(),
      role: z.string(),
      status: z.string(),
      since: time,
    }),
  ),
  networkRoles: z.array(
    z.object({ networkId: z.uuid(), networkName: z.string(), role: z.string(), since: time }),
  ),
  auditEntries: z.array(
    z.object({
      action: z.string(),
      byMe: z.boolean(),
      networkId: z.uuid().nullable(),
      groupId: z.uuid().nullable(),
      targetType: z.string().nullable(),
      targetId: z.string().nullable(),
      details: z.record(z.string(), z.unknown()),
      at: time,
    }),
  ),
  reveals: z.array(
    z.object({
      direction: z.enum(["about_me", "by_me"]),
      viewerId: z.uuid().nullable(),
      subjectUserId: z.uuid().nullable(),
      subjectType: z.string(),
      subjectId: z.string(),
      field: z.string(),
      reason: z.string(),
      groupId: z.uuid().nullable(),
      at: time,
    }),
  ),
});
export type MyDataExport = z.infer<typeof exportResponse>;

/** 409 from DELETE /me: the person is the last admin of these groups / networks. */
export const lastAdminProblem = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string(),
  code: z.literal("last_admin"),
  groupIds: z.array(z.uuid()),
  networkIds: z.array(z.uuid()),
});
