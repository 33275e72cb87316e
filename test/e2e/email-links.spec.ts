// The links Mutuo emails, opened the way a person would: from their inbox, on a phone, in Spanish.
import { expect, test } from "@playwright/test";
import es from "../../src/web/i18n/es.json" with { type: "json" };
import esScreens from "../../src/web/i18n/screens/es.json" with { type: "json" };
import { expectAccessible } from "./a11y";
import { linkFromEmail } from "./mail";

const ES = { ...es, ...esScreens };

test("a person confirms their email and later signs in with an emailed link, once", async ({
  browser,
}, testInfo) => {
  const email = `enlace-${testInfo.project.name}-${Date.now()}@example.org`;
  const context = await browser.newContext({ locale: "es-MX", baseURL: process.env.E2E_BASE_URL });
  const page = await context.newPage();
  const signUp = await page.request.post("/api/v1/auth/sign-up", {
    data: { name: "Lucía Enlace", email, password: "una contraseña larga", language: "es" },
  });
  expect(signUp.status()).toBe(201);

  // The confirmation email that sign-up sent.
  await page.goto(await linkFromEmail(email, "/verify-email"));
  await expect(page.getByText(ES.auth.links.verified)).toBeVisible();
  await expect(page).not.toHaveURL(/#/); // the token left the address bar
  await expectAccessible(page);

  // Signed out, they ask for a sign-in link.
  await context.clearCookies();
  await page.goto("/sign-in");
  await page.getByRole("radio", { name: new RegExp(`^${ES.auth.signIn.methodLink}`) }).check();
  await page.getByLabel(ES.auth.fields.email).fill(email);
  await page.getByRole("button", { name: ES.auth.signIn.sendLink }).click();
  await expect(page.getByText(ES.auth.signIn.linkSentTitle)).toBeVisible();
  await expectAccessible(page);

  const link = await linkFromEmail(email, "/sign-in/link");
  // An old link that no longer works says what to do...
  await page.goto(`/sign-in/link#token=${"caducado".repeat(4)}`);
  await expect(page.getByRole("link", { name: ES.auth.links.newSignInLink })).toBeVisible();
  // An in-page anchor is not a token, however token-like its name (the app's own ids are
  // shorter than a token; this one is made to pass for one).
  await page.evaluate(() => {
    const target = document.createElement("div");
    target.id = "seccion-de-ayuda-larga";
    document.querySelector("main")?.append(target);
    window.location.hash = "seccion-de-ayuda-larga";
  });
  await expect(page).toHaveURL(/#seccion-de-ayuda-larga$/);
  await expect(page.getByRole("link", { name: ES.auth.links.newSignInLink })).toBeVisible();
  // ...and the new link, opened on that same page (only the #fragment changes, no page loads),
  // is read and used.
  await page.goto(link);
  await expect(page.getByRole("link", { name: "Lucía Enlace" })).toBeVisible();
  // They land on their profile; only then is the address a different page from the link's (the
  // link opened again on /sign-in/link itself would change only the #fragment, not load a page).
  await expect(page).toHaveURL(/\/profile$/);
  await expect(page.getByText(ES.auth.links.signedIn)).toBeVisible();
  const me = await page.request.get("/api/v1/me");
  expect((await me.json()).emailVerified).toBe(true);

  // The same link a second time does nothing.
  await context.clearCookies();
  await page.goto(link);
  await expect(page.getByRole("link", { name: ES.auth.links.newSignInLink })).toBeVisible();
  expect((await page.request.get("/api/v1/me")).status()).toBe(401);
  await expectAccessible(page);
  await context.close();
});
