// Asking for help without an account, in Spanish on a 360 px phone: the group page's link, the
// form's explained errors, the confirmation with the short code and the private status link,
// and the status page that cancels the request.
import { expect, type Page, test } from "@playwright/test";
import es from "../../src/web/i18n/es.json" with { type: "json" };
import esExchange from "../../src/web/i18n/exchange/es.json" with { type: "json" };
import esScreens from "../../src/web/i18n/screens/es.json" with { type: "json" };
import { expectAccessible, expectNoHorizontalScroll } from "./a11y";

const ES = { ...es, ...esScreens, exchange: esExchange.exchange };

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const startsWith = (text: string) => new RegExp(`^${escapeRegExp(text)}`);

async function check(page: Page): Promise<void> {
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);
}

test("an anonymous neighbour asks for help in Spanish, follows the status link and cancels", async ({
  browser,
}) => {
  // Eight axe checks: on a busy 2-core machine each takes several seconds.
  test.setTimeout(180_000);
  const context = await browser.newContext({
    locale: "es-MX",
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
    baseURL: process.env.E2E_BASE_URL,
  });
  const page = await context.newPage();

  // A group made by the setup flow.
  const list = await page.request.get("/api/v1/groups");
  expect(list.ok()).toBe(true);
  const { groups } = (await list.json()) as { groups: { id: string; name: string }[] };
  const group = groups[0];
  if (!group) throw new Error("the setup flow made no group");

  await page.goto(`/groups/${group.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(group.name);
  await check(page);
  await page.getByRole("link", { name: ES.ask.title, exact: true }).click();

  await expect(page).toHaveURL(new RegExp(`/groups/${group.id}/ask$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    ES.ask.titleGroup.replace("{{group}}", group.name),
  );
  await expect(page).toHaveTitle(new RegExp(escapeRegExp(ES.ask.title)));
  await check(page);

  // Sent empty: every missing answer is explained, and the summary takes focus.
  await page.getByRole("button", { name: ES.ask.submit }).click();
  const summary = page.locator(".error-summary");
  await expect(summary).toBeFocused();
  await expect(summary.getByText(ES.common.form.checkTitle)).toBeVisible();
  await expect(
    summary.getByRole("link", { name: startsWith(`${ES.ask.category.legend}:`) }),
  ).toBeVisible();
  await expect(page.locator("#description-error")).toHaveText(ES.ask.descriptionRequired);
  await expect(page.locator("#contact-channel-error")).toHaveText(ES.ask.contact.channelRequired);
  await check(page);

  // Filled in.
  await page.getByRole("radio", { name: ES.exchange.categories.groceries }).check();
  const words = "Comida para tres personas, no puedo salir de casa.";
  await page.getByLabel(ES.ask.description.label).fill(words);
  const count = ES.ask.description.count
    .replace("{{count}}", String(words.length))
    .replace("{{max}}", "2000");
  await expect(page.getByText(count)).toBeVisible();
  await page.getByRole("radio", { name: ES.exchange.urgency.urgent }).check();
  await page.getByLabel(ES.ask.location.text).fill("Av. Juárez y calle 5");
  await page.getByRole("radio", { name: ES.ask.contact.channels.sms }).check();
  // The phone number is asked for only now, and it is required.
  await page.getByRole("button", { name: ES.ask.submit }).click();
  await expect(page.locator("#contact-phone-error")).toHaveText(ES.ask.contact.phoneRequired);
  await page.getByLabel(ES.ask.contact.phone).fill("+52 55 1234 5678");
  await page.getByRole("button", { name: ES.ask.submit }).click();

  // The confirmation: the heading has focus, the short code and the status link are there.
  const done = page.getByRole("heading", { level: 1, name: ES.ask.done.title });
  await expect(done).toBeFocused();
  await expect(page.getByRole("status").getByText(ES.ask.done.announce)).toBeVisible();
  const shortCode = (await page.locator(".short-code").textContent())?.trim() ?? "";
  expect(shortCode).not.toBe("");
  const link = page.getByRole("textbox", { name: ES.ask.done.linkLabel });
  const statusUrl = await link.inputValue();
  expect(statusUrl).toMatch(/\/status#[A-Za-z0-9_-]{16,}$/);
  await expect(page.getByRole("button", { name: ES.ask.done.copy })).toBeVisible();
  await check(page);

  // The status link, opened in a new page: the token leaves the address bar.
  const statusPage = await context.newPage();
  await statusPage.goto(statusUrl);
  await expect(statusPage.getByRole("heading", { level: 1 })).toHaveText(ES.status.title);
  await expect(statusPage).toHaveURL(/\/status$/);
  await expect(statusPage.getByText(ES.status.statuses.new, { exact: true })).toBeVisible();
  await expect(
    statusPage.locator(".timeline").getByText(ES.status.history.post, { exact: true }),
  ).toBeVisible();
  await expect(statusPage.getByText(ES.exchange.categories.groceries)).toBeVisible();
  await expect(statusPage.getByText(shortCode, { exact: true })).toBeVisible();
  await check(statusPage);

  // A reload still works (the token is kept for this tab).
  await statusPage.reload();
  await expect(statusPage.getByText(ES.status.statuses.new, { exact: true })).toBeVisible();

  // Cancelling asks first.
  await statusPage.getByRole("button", { name: ES.status.cancel }).click();
  await expect(statusPage.getByText(ES.status.cancelConfirm)).toBeVisible();
  await check(statusPage);
  await statusPage.getByRole("button", { name: ES.status.cancelYes }).click();
  await expect(statusPage.getByText(ES.status.statuses.cancelled, { exact: true })).toBeVisible();
  await expect(statusPage.getByRole("status").getByText(ES.status.cancelled)).toBeVisible();
  await expect(
    statusPage.locator(".timeline").getByText(ES.status.history.cancel, { exact: true }),
  ).toBeVisible();
  await expect(statusPage.getByRole("button", { name: ES.status.cancel })).toHaveCount(0);
  await check(statusPage);

  // A forged link is explained, without a stack trace.
  const forged = await context.newPage();
  await forged.goto("/status#AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  await expect(forged.getByRole("heading", { level: 1 })).toHaveText(
    esExchange.problem.status_link_invalid.title,
  );
  await check(forged);

  await context.close();
});
