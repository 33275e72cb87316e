// Reading the emails the test server wrote (MUTUO_MAIL_OUTBOX_DIR), as a person reads their inbox.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

interface Email {
  to: string;
  subject: string;
  text: string;
}

/** The newest email to `to` whose text contains `pathPart`, waiting up to 10 s; returns its link. */
export async function linkFromEmail(to: string, pathPart: string): Promise<string> {
  const outbox = process.env.E2E_MAIL_OUTBOX;
  if (!outbox) throw new Error("E2E_MAIL_OUTBOX is not set (see test/e2e/global-setup.ts)");
  const deadline = Date.now() + 10_000;
  for (;;) {
    const emails: Email[] = existsSync(outbox)
      ? readdirSync(outbox)
          .filter((f) => f.endsWith(".json"))
          .sort()
          .map((f) => JSON.parse(readFileSync(path.join(outbox, f), "utf8")) as Email)
      : [];
    const mine = emails.filter((e) => e.to === to && e.text.includes(pathPart)).pop();
    const link = mine?.text.match(/https?:\/\/\S+/g)?.find((l) => l.includes(pathPart));
    if (link) return link;
    if (Date.now() > deadline) throw new Error(`no email to ${to} with ${pathPart}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
