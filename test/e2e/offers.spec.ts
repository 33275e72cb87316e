// Offering help without an account, in Spanish on a 360 px phone: an ongoing ride offered from
// the group page, a coordinator who finds it in the offers list and records a use (it stays
// open, used once), and the offerer who sees that on their private link and withdraws it.
import { expect, type Page, test } from "@playwright/test";
import es from "../../src/web/i18n/es.json" with { type: "json" };
import esExchange from "../../src/web/i18n/exchange/es.json" with { type: "json" };
import esOffers from "../../src/web/i18n/offers/screens.es.json" with { type: "json" };
import esScreens from "../../src/web/i18n/screens/es.json" with { type: "json" };
import { expectAccessible, expectNoHorizontalScroll } from "./a11y";

const ES = { ...es, ...esScreens, exchange: esExchange.exchange, offers: esOffers.offers };
const ADMIN = { email: "ana@example.org", password: "correct horse battery" };

async function check(page: Page): Promise<void> {
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);
}

const phone = {
  locale: "es-MX",
  viewport: { width: 360, height: 740 },
  isMobile: true,
  hasTouch: true,
  baseURL: process.env.E2E_BASE_URL,
};

test("a neighbour offers an ongoing ride in Spanish; a coordinator records a use; the offerer withdraws it", async ({
  browser,
}) => {
  // Three people, eleven axe checks: a long flow on a shared two-core machine.
  test.slow();
  const neighbour = await browser.newContext(phone);
  const page = await neighbour.newPage();
  const list = await page.request.get("/api/v1/groups");
  const { groups } = (await list.json()) as { groups: { id: string; name: string }[] };
  const group = groups[0];
  if (!group) throw new Error("the setup flow made no group");

  // From the group page to the form.
  await page.goto(`/groups/${group.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(group.name);
  await page.getByRole("link", { name: ES.offers.links.title, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/groups/${group.id}/offer$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    ES.offers.form.titleGroup.replace("{{group}}", group.name),
  );
  await check(page);

  // Sent empty: the missing answers are explained and the summary takes focus.
  await page.getByRole("button", { name: ES.offers.form.submit }).click();
  await expect(page.locator(".error-summary")).toBeFocused();
  await expect(page.locator("#description-error")).toHaveText(ES.offers.form.descriptionRequired);
  await expect(page.locator("#category-error")).toHaveText(ES.offers.form.categoryRequired);
  await check(page);

  const words = `Puedo llevar a dos personas a la clínica los martes (${Date.now()})`;
  await page.getByRole("radio", { name: ES.exchange.categories.ride }).check();
  await page.getByLabel(ES.offers.form.description).fill(words);
  await expect(page.getByRole("radio", { name: ES.offers.form.kinds.ongoing })).toBeChecked();
  await page.getByLabel(ES.offers.form.availability).fill("Martes por la mañana");
  await page.getByLabel(ES.ask.location.text).fill("Av. Juárez y calle 5");
  await page.getByRole("radio", { name: ES.ask.contact.channels.sms }).check();
  await page.getByLabel(ES.ask.contact.phone).fill("+52 55 8765 4321");
  await page.getByRole("button", { name: ES.offers.form.submit }).click();

  const done = page.getByRole("heading", { level: 1, name: ES.offers.done.title });
  await expect(done).toBeFocused();
  await expect(page.getByRole("status").getByText(ES.offers.done.announce)).toBeVisible();
  const statusUrl = await page
    .getByRole("textbox", { name: ES.offers.done.linkLabel })
    .inputValue();
  expect(statusUrl).toMatch(/\/offer-status#[A-Za-z0-9_-]{43}$/);
  await check(page);

  // A coordinator (the network's admin) finds it in the offers list and records a use.
  const coordinator = await browser.newContext(phone);
  const coord = await coordinator.newPage();
  const signIn = await coord.request.post("/api/v1/auth/sign-in", { data: ADMIN });
  expect(signIn.ok()).toBe(true);
  await coord.goto(`/groups/${group.id}`);
  await coord
    .getByRole("navigation", { name: ES.groups.nav.label.replace("{{name}}", group.name) })
    .getByRole("link", { name: ES.offers.links.nav })
    .click();
  await expect(coord.getByRole("heading", { level: 1 })).toHaveText(
    ES.offers.list.title.replace("{{name}}", group.name),
  );
  const card = coord.locator(".offer-card").filter({ hasText: words });
  await expect(card).toBeVisible();
  await expect(card).not.toContainText("8765");
  await check(coord);
  await coord.getByLabel(ES.offers.list.kind).selectOption("ongoing");
  await expect(card).toBeVisible();
  await card.getByRole("button", { name: ES.offers.list.open }).click();
  await expect(card.getByRole("heading", { name: ES.offers.detail.title })).toBeFocused();
  await expect(card).toContainText("+52 55 8765 4321");
  await expect(card).toContainText("Av. Juárez y calle 5");
  await card.getByLabel(ES.offers.detail.minutes).fill("40");
  await check(coord);
  await card.getByRole("button", { name: ES.offers.detail.submit }).click();
  await expect(
    coord.getByRole("status").getByText(ES.offers.detail.recorded.replace("{{count}}", "1")),
  ).toBeVisible();
  await expect(card).toContainText(ES.offers.list.usedTimes_one.replace("{{count}}", "1"));
  await check(coord);

  // The offerer's private page: still open, used once; they withdraw it.
  const mine = await neighbour.newPage();
  await mine.goto(statusUrl);
  await expect(mine).toHaveURL(/\/offer-status$/);
  await expect(mine.getByRole("heading", { level: 1 })).toHaveText(ES.offers.status.title);
  await expect(mine.getByText(ES.offers.status.statuses.open, { exact: true })).toBeVisible();
  await expect(
    mine.getByText(ES.offers.status.uses.replace("{{count}}", "1"), { exact: true }),
  ).toBeVisible();
  await expect(mine.getByText(words)).toBeVisible();
  await check(mine);
  await mine.getByRole("button", { name: ES.offers.status.withdraw }).click();
  await expect(mine.getByText(ES.offers.status.withdrawConfirm)).toBeVisible();
  await check(mine);
  await mine.getByRole("button", { name: ES.offers.status.withdrawYes }).click();
  await expect(mine.getByText(ES.offers.status.statuses.withdrawn, { exact: true })).toBeVisible();
  await expect(mine.getByRole("status").getByText(ES.offers.status.withdrawn)).toBeVisible();
  await expect(mine.getByRole("button", { name: ES.offers.status.withdraw })).toHaveCount(0);
  await check(mine);

  // Gone from the coordinator's list.
  await coord.reload();
  await expect(coord.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(coord.locator(".offer-card").filter({ hasText: words })).toHaveCount(0);

  await neighbour.close();
  await coordinator.close();
});
