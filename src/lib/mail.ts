// Outgoing mail: SMTP through nodemailer when SMTP_URL is set, otherwise the server log (for
// development); MUTUO_MAIL_OUTBOX_DIR additionally keeps every message as a JSON file (browser
// tests and development read links from there). Tests pass an in-memory mailer instead.
import { randomBytes } from "node:crypto";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import nodemailer from "nodemailer";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close?(): void | Promise<void>;
}

export interface MailSettings {
  smtpUrl: string | undefined;
  from: string;
  outboxDir: string | undefined;
}

export const DEFAULT_MAIL_FROM = "Mutuo <no-reply@localhost>";

export function mailSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): MailSettings {
  const smtpUrl = env.SMTP_URL || undefined;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) {
    throw new Error(
      `SMTP_URL must start with smtp:// or smtps://, got "${smtpUrl.split(":")[0]}:…"`,
    );
  }
  return {
    smtpUrl,
    from: env.MAIL_FROM || DEFAULT_MAIL_FROM,
    outboxDir: env.MUTUO_MAIL_OUTBOX_DIR ? path.resolve(env.MUTUO_MAIL_OUTBOX_DIR) : undefined,
  };
}

export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(message) {
      await transport.sendMail({ from, ...message });
    },
    close: () => transport.close(),
  };
}

/** Development: the message, link included, goes to the server log. */
export function logMailer(log: Pick<FastifyBaseLogger, "info">): Mailer {
  return {
    async send(message) {
      log.info({ mail: { to: message.to, subject: message.subject, text: message.text } }, "mail");
    },
  };
}

/** Writes each message to `<dir>/<time>-<random>.json`, atomically (readers never see half). */
export function outboxMailer(dir: string): Mailer {
  mkdirSync(dir, { recursive: true });
  return {
    async send(message) {
      const sentAt = new Date().toISOString();
      const name = `${sentAt.replace(/[:.]/g, "-")}-${randomBytes(4).toString("hex")}.json`;
      const temporary = path.join(dir, `.${name}.tmp`);
      writeFileSync(temporary, `${JSON.stringify({ ...message, sentAt }, null, 2)}\n`);
      renameSync(temporary, path.join(dir, name));
    },
  };
}

function both(first: Mailer, second: Mailer): Mailer {
  return {
    async send(message) {
      await Promise.all([first.send(message), second.send(message)]);
    },
    async close() {
      await first.close?.();
      await second.close?.();
    },
  };
}

export function mailerFromSettings(
  settings: MailSettings,
  log: Pick<FastifyBaseLogger, "info" | "warn">,
): Mailer {
  let mailer: Mailer;
  if (settings.smtpUrl) {
    mailer = smtpMailer(settings.smtpUrl, settings.from);
  } else {
    log.warn("SMTP_URL is not set: emails (with their links) are written to this log");
    mailer = logMailer(log);
  }
  return settings.outboxDir ? both(mailer, outboxMailer(settings.outboxDir)) : mailer;
}

/** Decorates the app with `app.mailer` (the given one, or one from the environment). */
export function registerMailer(app: FastifyInstance, given?: Mailer): void {
  const mailer = given ?? mailerFromSettings(mailSettingsFromEnv(), app.log);
  app.decorate("mailer", mailer);
  app.addHook("onClose", async () => {
    await app.mailer.close?.();
  });
}

declare module "fastify" {
  interface FastifyInstance {
    mailer: Mailer;
  }
}

/** An in-memory mailbox for tests: the mail boundary, where a test reads the links it got. */
export interface MemoryMailer extends Mailer {
  readonly messages: MailMessage[];
  /**
   * The next message to `to` not yet taken, and matching `match` when given (e.g. a text
   * containing a link's path); waits up to `timeoutMs` for it to arrive.
   */
  next(to: string, match?: string | RegExp, timeoutMs?: number): Promise<MailMessage>;
  /** Messages to `to` not yet taken, without waiting. */
  pending(to: string, match?: string | RegExp): MailMessage[];
}

export function memoryMailer(): MemoryMailer {
  const messages: MailMessage[] = [];
  const taken = new Set<MailMessage>();
  const waiters: (() => void)[] = [];
  const matches = (m: MailMessage, match: string | RegExp | undefined) =>
    match === undefined ||
    (typeof match === "string" ? m.text.includes(match) : match.test(m.text));
  const pending = (to: string, match?: string | RegExp) =>
    messages.filter(
      (m) => !taken.has(m) && m.to.toLowerCase() === to.toLowerCase() && matches(m, match),
    );
  return {
    messages,
    pending,
    async send(message) {
      messages.push(message);
      for (const wake of waiters.splice(0)) wake();
    },
    async next(to, match, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const [found] = pending(to, match);
        if (found) {
          taken.add(found);
          return found;
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no mail to ${to} within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
  };
}
