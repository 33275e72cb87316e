import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_MAIL_FROM,
  logMailer,
  mailerFromSettings,
  mailSettingsFromEnv,
  memoryMailer,
} from "./mail";

const message = { to: "ana@example.org", subject: "Hello", text: "Open http://x/#token=abc" };

describe("mail", () => {
  it("reads its settings from the environment", () => {
    expect(mailSettingsFromEnv({})).toEqual({
      smtpUrl: undefined,
      from: DEFAULT_MAIL_FROM,
      outboxDir: undefined,
    });
    expect(
      mailSettingsFromEnv({ SMTP_URL: "smtps://u:p@mail.example:465", MAIL_FROM: "X <x@y.z>" }),
    ).toMatchObject({ smtpUrl: "smtps://u:p@mail.example:465", from: "X <x@y.z>" });
    expect(() => mailSettingsFromEnv({ SMTP_URL: "http://nope" })).toThrow(/SMTP_URL/);
  });

  it("writes the message, link included, to the log when there is no SMTP server", async () => {
    const lines: unknown[] = [];
    await logMailer({ info: (obj: unknown) => lines.push(obj) } as never).send(message);
    expect(JSON.stringify(lines)).toContain("#token=abc");
  });

  it("also keeps each message as a JSON file in the outbox folder", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "mutuo-outbox-"));
    try {
      const logged: unknown[] = [];
      const log = { info: (o: unknown) => logged.push(o), warn: () => {} };
      const mailer = mailerFromSettings(
        { smtpUrl: undefined, from: DEFAULT_MAIL_FROM, outboxDir: dir },
        log as never,
      );
      await mailer.send(message);
      const files = readdirSync(dir);
      expect(files).toHaveLength(1);
      const saved = JSON.parse(readFileSync(path.join(dir, files[0] as string), "utf8"));
      expect(saved).toMatchObject(message);
      expect(logged).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the in-memory mailbox hands each message out once, waiting for late ones", async () => {
    const box = memoryMailer();
    setTimeout(() => box.send(message), 20);
    expect((await box.next("ANA@example.org", "#token=")).subject).toBe("Hello");
    await expect(box.next("ana@example.org", undefined, 50)).rejects.toThrow(/no mail/);
  });
});
