// Shared by the accounts tests: a real app on a fresh database with an in-memory mailbox (the mail
// boundary), and small helpers to talk to the API as a browser would (cookies, links).
import type { LightMyRequestResponse } from "fastify";
import { createTestApp, type TestApp } from "../../../test/app";
import { type MailMessage, type MemoryMailer, memoryMailer } from "../../lib/mail";

export interface AccountsTestApp extends TestApp {
  mailbox: MemoryMailer;
  post(url: string, body?: unknown, options?: RequestOptions): Promise<LightMyRequestResponse>;
  get(url: string, options?: RequestOptions): Promise<LightMyRequestResponse>;
  /** Signs up a fresh person and returns their session cookie and email. */
  signUp(
    overrides?: Partial<SignUpInput> & { ip?: string },
  ): Promise<{ cookie: string; email: string; id: string }>;
}

export interface RequestOptions {
  cookie?: string | undefined;
  ip?: string;
  headers?: Record<string, string>;
  method?: "POST" | "PATCH" | "DELETE" | "GET";
}

interface SignUpInput {
  name: string;
  email: string;
  password: string;
  language: "en" | "es";
}

export const PASSWORD = "a long enough password";

let counter = 0;
/** A unique address per call, so tests in one file never collide. */
export function freshEmail(prefix = "person"): string {
  counter += 1;
  return `${prefix}.${counter}.${Date.now().toString(36)}@example.org`;
}

/** `mutuo_session=<token>` from a response that set one, else undefined. */
export function sessionCookie(res: LightMyRequestResponse): string | undefined {
  const cookie = res.cookies.find((c) => c.name === "mutuo_session");
  return cookie?.value ? `mutuo_session=${cookie.value}` : undefined;
}

/** The token in an emailed link (`…#token=…`). */
export function tokenIn(message: MailMessage): string {
  const match = /#token=([A-Za-z0-9_-]+)/.exec(message.text);
  if (!match?.[1]) throw new Error(`no link in mail "${message.subject}"`);
  return match[1];
}

export async function accountsTestApp(
  options: { rateLimitScale?: string } = {},
): Promise<AccountsTestApp> {
  // High by default so only the rate-limit tests hit limits. Given both ways: to the configuration
  // (when it carries the scale) and to the process environment (read otherwise).
  const scale = options.rateLimitScale ?? "1000";
  process.env.MUTUO_RATE_LIMIT_SCALE = scale;
  const mailbox = memoryMailer();
  const t = await createTestApp({
    env: { MUTUO_RATE_LIMIT_SCALE: scale },
    beforeReady(app) {
      app.mailer = mailbox;
    },
  });
  const send = (method: string, url: string, body: unknown, o: RequestOptions = {}) =>
    t.app.inject({
      method: (o.method ?? method) as "POST",
      url,
      remoteAddress: o.ip ?? "127.0.0.1",
      headers: { ...(o.cookie ? { cookie: o.cookie } : {}), ...o.headers },
      ...(body === undefined ? {} : { payload: body as object }),
    });
  const kit: AccountsTestApp = {
    ...t,
    mailbox,
    post: (url, body, o) => send("POST", url, body, o),
    get: (url, o) => send("GET", url, undefined, o),
    async signUp(overrides = {}) {
      const email = overrides.email ?? freshEmail();
      const res = await kit.post(
        "/api/v1/auth/sign-up",
        {
          name: overrides.name ?? "Test Person",
          email,
          password: overrides.password ?? PASSWORD,
          language: overrides.language ?? "en",
        },
        { ip: overrides.ip ?? "127.0.0.1" },
      );
      const cookie = sessionCookie(res);
      if (res.statusCode !== 201 || !cookie) throw new Error(`sign-up failed: ${res.body}`);
      return { cookie, email, id: res.json().id as string };
    },
  };
  return kit;
}

export const PAGES = {
  signIn: "/sign-in/link#token=",
  verify: "/verify-email#token=",
  reset: "/reset-password/complete#token=",
  unlock: "/unlock#token=",
} as const;
