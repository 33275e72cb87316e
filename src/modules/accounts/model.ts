// Pure account rules: lockout, token lifetimes, pseudonyms, mail language. No I/O, no clock.
import { isLanguage, type Language } from "../../lib/i18n";
import type { ContactPreferences } from "./schema";

export type TokenPurpose = "sign_in" | "verify_email" | "reset_password" | "unlock";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** How long an emailed link works. Sign-in links are short: they are a password in a mailbox. */
export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  sign_in: 20 * MINUTE,
  verify_email: 48 * HOUR,
  reset_password: 1 * HOUR,
  unlock: 24 * HOUR,
};

/** Consecutive failed sign-ins that lock an account, and for how long. */
export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MS = 15 * MINUTE;

/** Used tokens and expired ones are kept this long (they appear in the data download). */
export const TOKEN_RETENTION_MS = 30 * 24 * HOUR;

export interface LockState {
  failedSignIns: number;
  lockedUntil: Date | null;
}

export function isLocked(state: LockState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

/**
 * The state after one more failed sign-in. A lock that has run out starts a fresh count;
 * `justLocked` is true only for the failure that locks, so the unlock email goes once per lock.
 */
export function afterFailedSignIn(
  state: LockState,
  now: Date,
): LockState & { justLocked: boolean } {
  const lapsed = state.lockedUntil !== null && !isLocked(state, now);
  const failedSignIns = (lapsed ? 0 : state.failedSignIns) + 1;
  if (isLocked(state, now)) return { ...state, failedSignIns, justLocked: false };
  if (failedSignIns === LOCKOUT_THRESHOLD) {
    return {
      failedSignIns,
      lockedUntil: new Date(now.getTime() + LOCKOUT_MS),
      justLocked: true,
    };
  }
  return { failedSignIns, lockedUntil: lapsed ? null : state.lockedUntil, justLocked: false };
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Digits with the usual separators, optionally starting with +; 6 to 15 digits (E.164). */
export function isPhoneNumber(value: string): boolean {
  if (!/^\+?[0-9 ().-]+$/.test(value)) return false;
  const digits = value.replace(/\D/g, "").length;
  return digits >= 6 && digits <= 15;
}

/** Channels other than email need a phone number to reach the person on. */
export function channelsNeedingPhone(
  preferences: Pick<ContactPreferences, "channels">,
  phone: string | null,
): string[] {
  return phone ? [] : preferences.channels.filter((c) => c !== "email");
}

export const DEFAULT_CONTACT_PREFERENCES: ContactPreferences = {
  channels: ["email"],
  shareEmailWithMembers: false,
  sharePhoneWithMembers: false,
};

/** What a deleted account is called from then on: no trace of the person, distinct from others. */
export function deletedName(code: string): string {
  return `Deleted member ${code}`;
}

/** Emails go out in the person's first language, else the language of the request. */
export function mailLanguage(languages: readonly string[], fallback: Language): Language {
  const first = languages.find(isLanguage);
  return first ?? fallback;
}

/** Keeps known languages once each, in the order given. */
export function cleanLanguages(languages: readonly string[]): Language[] {
  return [...new Set(languages.filter(isLanguage))];
}

/**
 * Who would be left without an administrator if this person went: groups where they are the only
 * active admin, networks where they are the only admin.
 */
export function orphanedByDeparture(adminCounts: { id: string; admins: number }[]): string[] {
  return adminCounts.filter((c) => c.admins <= 1).map((c) => c.id);
}
