// What many specs share: the first administrator (made by the setup flow), placeholders filled
// like i18next does, an API answer that must be OK, and the checks every page gets.
import { type APIRequestContext, expect, type Page } from "@playwright/test";
import { expectAccessible, expectNoHorizontalScroll } from "./a11y";

/** The network admin the setup-flow project creates first. */
export const ADMIN = { email: "ana@example.org", password: "correct horse battery" };

/** A catalog text with its {{placeholders}} filled in. */
export const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ""));

/** Fits a phone without sideways scrolling, and axe finds nothing. */
export async function check(page: Page): Promise<void> {
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);
}

/** The JSON body of an API answer that must be a success (the failure shows the body). */
// biome-ignore lint/suspicious/noExplicitAny: JSON bodies of the API, read by the tests
export async function ok(response: Awaited<ReturnType<APIRequestContext["post"]>>): Promise<any> {
  expect(response.ok(), `${response.status()} ${await response.text()}`).toBe(true);
  return response.json();
}
