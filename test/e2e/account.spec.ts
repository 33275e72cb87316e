// A person's own account: signing up, the profile, signing out and in from the header, deleting
// the account; and the pages emailed links open, when the link is incomplete.
import { expect, test } from "@playwright/test";
import enAccounts from "../../src/web/i18n/accounts/en.json" with { type: "json" };
import en from "../../src/web/i18n/en.json" with { type: "json" };
import es from "../../src/web/i18n/es.json" with { type: "json" };
import enScreens from "../../src/web/i18n/screens/en.json" with { type: "json" };
import esScreens from "../../src/web/i18n/screens/es.json" with { type: "json" };
import { expectAccessible, expectNoHorizontalScroll } from "./a11y";

const EN = { ...en, ...enScreens, problem: { ...en.problem, ...enAccounts.problem } };
const ES = { ...es, ...esScreens };

test("pages opened from an incomplete emailed link say what to do, in Spanish", async ({
  browser,
}) => {
  const context = await browser.newContext({ locale: "es-MX", baseURL: process.env.E2E_BASE_URL });
  const page = await context.newPage();
  const pages: [string, string][] = [
    ["/sign-in/link", ES.auth.links.signInTitle],
    ["/verify-email", ES.auth.links.verifyTitle],
    ["/unlock", ES.auth.links.unlockTitle],
    ["/reset-password/complete", ES.auth.reset.completeTitle],
  ];
  for (const [path, title] of pages) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.getByText(ES.auth.links.missing)).toBeVisible();
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
  }
  await page.goto("/join");
  await expect(page.getByText(ES.invitation.missing)).toBeVisible();
  await expectAccessible(page);
  await context.close();
});

test("a person signs up, keeps a profile, signs out and in, and deletes the account", async ({
  page,
}, testInfo) => {
  const email = `person-${testInfo.project.name}-${Date.now()}@example.org`;
  const password = "a long enough password";

  // An address already in use is explained, and nothing is created.
  await page.goto("/sign-up");
  await expect(page).toHaveTitle(`${EN.auth.signUp.title} · Mutuo`);
  await page.getByLabel(EN.auth.fields.name).fill("Rosa");
  await page.getByLabel(EN.auth.fields.email).fill("ana@example.org");
  await page.getByLabel(EN.auth.fields.password, { exact: true }).fill(password);
  await page.getByRole("button", { name: EN.auth.signUp.submit }).click();
  await expect(page.getByText(EN.problem.email_taken.title)).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel(EN.auth.fields.email).fill(email);
  await page.getByRole("button", { name: EN.auth.signUp.submit }).click();
  await expect(page).toHaveURL(/\/profile$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(EN.profile.title);
  await expect(page.getByText(EN.profile.email.notVerified)).toBeVisible();
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);

  // A bad phone number is explained next to the field.
  const phone = page.getByRole("textbox", { name: EN.auth.fields.phone });
  await phone.fill("call me");
  await page.getByRole("button", { name: EN.profile.details.save }).click();
  await expect(page.locator(".error-summary")).toBeFocused();
  await expect(phone).toHaveAttribute("aria-invalid", "true");
  await expect(phone).toHaveAttribute("aria-describedby", /phone-error/);
  await expectAccessible(page);

  await phone.fill("+1 555 123 4567");
  await page.getByRole("checkbox", { name: "Español" }).check();
  await page.getByRole("checkbox", { name: EN.profile.details.sharePhone }).check();
  await page.getByRole("button", { name: EN.profile.details.save }).click();
  await expect(page.getByText(EN.profile.details.saved)).toBeVisible();
  await page.reload();
  await expect(page.getByRole("textbox", { name: EN.auth.fields.phone })).toHaveValue(
    "+1 555 123 4567",
  );
  await expect(page.getByRole("checkbox", { name: "Español" })).toBeChecked();
  await expect(page.getByRole("link", { name: EN.profile.data.download })).toHaveAttribute(
    "download",
    /\.json$/,
  );

  // Signing out from the header, then in again with the password.
  await page.getByRole("banner").getByRole("button", { name: EN.common.header.signOut }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByText(EN.auth.signOut.done)).toBeVisible();
  await page.getByLabel(EN.auth.fields.email).fill(email);
  await page.getByLabel(EN.auth.fields.password, { exact: true }).fill(password);
  await page.getByRole("button", { name: EN.auth.signIn.submit, exact: true }).click();
  await expect(page).toHaveURL(/\/groups$/);
  await expect(page.getByRole("link", { name: "Rosa" })).toBeVisible();

  // Deleting says what goes and what stays, and asks for the password.
  await page.goto("/profile");
  await page.getByRole("button", { name: EN.profile.delete.start }).click();
  await expect(page.getByRole("heading", { name: EN.profile.delete.erasedTitle })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel(EN.auth.fields.password, { exact: true }).fill(password);
  await page.getByRole("button", { name: EN.profile.delete.confirm }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(EN.profile.deleted.title);
  await expect(page.getByRole("link", { name: EN.common.header.signIn })).toBeVisible();
  await expectAccessible(page);
});
