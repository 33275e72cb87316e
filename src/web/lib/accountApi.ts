// The accounts API: signing up and in, emailed links, the person's own account.
import { apiFetch } from "./api";
import type { ContactPreferences, Me } from "./types";

const v1 = "/api/v1";
const post = <T>(path: string, json?: unknown) =>
  apiFetch<T>(`${v1}${path}`, json === undefined ? { method: "POST" } : { method: "POST", json });

export interface SignUpFields {
  name: string;
  email: string;
  password: string;
  phone?: string;
  language?: "en" | "es";
  /** The honeypot: people leave it empty; form-filling robots do not. */
  website?: string;
}

export const signUp = (fields: SignUpFields) => post<unknown>("/auth/sign-up", fields);
export const signIn = (email: string, password: string) =>
  post<unknown>("/auth/sign-in", { email, password });
export const requestSignInLink = (email: string) => post<unknown>("/auth/sign-in-link", { email });
export const consumeSignInLink = (token: string) =>
  post<unknown>("/auth/sign-in-link/consume", { token });
export const verifyEmail = (token: string) => post<unknown>("/auth/verify-email", { token });
export const resendVerification = () => post<unknown>("/auth/verify-email/resend");
export const requestPasswordReset = (email: string) =>
  post<unknown>("/auth/password-reset", { email });
export const completePasswordReset = (token: string, password: string) =>
  post<unknown>("/auth/password-reset/complete", { token, password });
export const unlockAccount = (token: string) => post<unknown>("/auth/unlock", { token });
export const signOut = () => post<unknown>("/auth/sign-out");
export const signOutEverywhere = () => post<unknown>("/auth/sign-out-everywhere");

export interface ProfileChanges {
  name?: string;
  phone?: string | null;
  languages?: string[];
  contactPreferences?: ContactPreferences;
}

export const updateMe = (changes: ProfileChanges) =>
  apiFetch<Me>(`${v1}/me`, { method: "PATCH", json: changes });

export const deleteMe = (confirmation: { password: string } | { confirmation: string }) =>
  apiFetch<unknown>(`${v1}/me`, { method: "DELETE", json: confirmation });

export const EXPORT_URL = `${v1}/me/export`;

/** The server expects "DELETE"; a Spanish reader is asked to type "BORRAR", which means the same. */
export function confirmationWord(typed: string): string {
  const word = typed.trim().toUpperCase();
  return word === "BORRAR" ? "DELETE" : word;
}
