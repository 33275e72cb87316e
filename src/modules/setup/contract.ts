import { z } from "zod";
import { PASSWORD_MAX, PASSWORD_MIN } from "../../lib/password";
import { isTimeZone } from "../../lib/time-zones";

export const timeZone = z
  .string()
  .max(64)
  .refine(isTimeZone, { params: { i18n: "field.time_zone", code: "invalid_time_zone" } });

export const setupStatusResponse = z.object({ required: z.boolean() });

export const setupRequest = z.strictObject({
  networkName: z.string().trim().min(2).max(120),
  defaultLanguage: z.enum(["en", "es"]),
  timeZone,
  adminName: z.string().trim().min(1).max(120),
  adminEmail: z.email().max(254),
  adminPassword: z.string().min(PASSWORD_MIN).max(PASSWORD_MAX),
});
export type SetupRequest = z.infer<typeof setupRequest>;

export const setupResponse = z.object({
  networkId: z.uuid(),
  userId: z.uuid(),
});
