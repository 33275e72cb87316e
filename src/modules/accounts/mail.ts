// The emails accounts send, in the recipient's language, from the accounts catalog.
import { type Language, translate } from "../../lib/i18n";
import type { MailMessage } from "../../lib/mail";
import { LOCKOUT_MS, LOCKOUT_THRESHOLD, TOKEN_LIFETIME_MS, type TokenPurpose } from "./model";

const KEY: Record<TokenPurpose, string> = {
  sign_in: "signIn",
  verify_email: "verifyEmail",
  reset_password: "resetPassword",
  unlock: "unlock",
};

/** The web page that takes each token; the token rides in the fragment, never sent to servers. */
const PAGE: Record<TokenPurpose, string> = {
  sign_in: "/sign-in/link",
  verify_email: "/verify-email",
  reset_password: "/reset-password/complete",
  unlock: "/unlock",
};

export function linkFor(publicUrl: string, purpose: TokenPurpose, token: string): string {
  return `${publicUrl}${PAGE[purpose]}#token=${token}`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Plain paragraphs; the link alone on its line becomes a link. */
function toHtml(text: string, link: string, language: Language): string {
  const paragraphs = text.split(/\n{2,}/).map((p) => {
    if (p.trim() === link) return `<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`;
    return `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`;
  });
  return `<!doctype html><html lang="${language}"><body style="font-family:sans-serif;font-size:16px;line-height:1.5">${paragraphs.join("")}</body></html>`;
}

export function accountMail(
  purpose: TokenPurpose,
  language: Language,
  to: { email: string; name: string },
  link: string,
): MailMessage {
  const key = `accounts.mail.${KEY[purpose]}`;
  const params = {
    name: to.name,
    link,
    minutes: Math.round((purpose === "unlock" ? LOCKOUT_MS : TOKEN_LIFETIME_MS[purpose]) / 60_000),
    hours: Math.round(TOKEN_LIFETIME_MS[purpose] / 3_600_000),
    attempts: LOCKOUT_THRESHOLD,
  };
  const text = translate(language, `${key}.body`, params);
  return {
    to: to.email,
    subject: translate(language, `${key}.subject`, params),
    text,
    html: toHtml(text, link, language),
  };
}
