// Test setup shared by the exchange's, the offers' and the imports' HTTP tests: groups of the
// test network and POSTs each from its own address. Imported by tests only.
import { expect } from "vitest";
import { createTestApp, type TestApp } from "../../../test/app";
import { networkAdmin, type Person } from "../../../test/people";
import { memoryMailer } from "../../lib/mail";
import { createJobRunner } from "../jobs/runner";
import { exchangeJobHandlers } from "./jobs";

/**
 * A mutual-aid group of the test network created by `admin` (UTC unless told), with `settings`
 * patched in when given; answers its id.
 */
export async function createGroup(
  t: TestApp,
  admin: Person,
  name: string,
  options: { settings?: Record<string, unknown>; timeZone?: string } = {},
): Promise<string> {
  const res = await t.app.inject({
    method: "POST",
    url: `/api/v1/networks/${t.networkId}/groups`,
    headers: admin.headers,
    payload: { name, mode: "mutual_aid", timeZone: options.timeZone ?? "UTC" },
  });
  expect(res.statusCode).toBe(201);
  const id = res.json().id as string;
  if (options.settings) {
    const patched = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/groups/${id}`,
      headers: admin.headers,
      payload: { settings: options.settings },
    });
    expect(patched.statusCode).toBe(200);
  }
  return id;
}

/**
 * A POST sender whose every call comes from its own address in `net` (e.g. "10.1") unless told,
 * so the per-IP limits bite only where meant. `app` is read at each call (set in beforeAll).
 */
export function freshAddressPoster(app: () => TestApp, net: string) {
  let n = 0;
  return (
    url: string,
    payload: unknown,
    options: { headers?: Record<string, string> | undefined; ip?: string } = {},
  ) => {
    n += 1;
    return app().app.inject({
      method: "POST",
      url,
      payload: payload as Record<string, unknown>,
      headers: options.headers,
      remoteAddress: options.ip ?? `${net}.${Math.floor(n / 250)}.${n % 250}`,
    });
  };
}

/** The token of a status link (after the `#`). */
export const tokenOf = (statusUrl: string) => statusUrl.split("#")[1] as string;

/**
 * A test app with the exchange's job handlers on a runner (quiet log, the app's clock, mail kept
 * in memory) and one group named `groupName`.
 */
export async function appWithJobRunner(groupName: string) {
  const mail = memoryMailer();
  const t = await createTestApp({ mailer: mail });
  const runner = createJobRunner({
    database: t.database,
    clock: t.now,
    handlers: exchangeJobHandlers({ mailer: mail, publicUrl: "https://mutuo.example" }),
    log: { info() {}, warn() {}, error() {} },
  });
  const groupId = await createGroup(t, await networkAdmin(t), groupName);
  return { t, mail, runner, groupId };
}
