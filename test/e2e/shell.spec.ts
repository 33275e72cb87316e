import { expect, test } from "@playwright/test";
import en from "../../src/web/i18n/en.json" with { type: "json" };
import es from "../../src/web/i18n/es.json" with { type: "json" };
import { expectAccessible, expectNoHorizontalScroll } from "./a11y";

test.describe("the app shell", () => {
  test("explains Mutuo in English with the server's status, accessibly", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveTitle(en.home.documentTitle);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(en.home.title);
    await expect(page.getByRole("banner")).toBeVisible();
    await expect(page.getByRole("navigation", { name: en.nav.label })).toBeVisible();
    await expect(page.getByRole("main")).toBeVisible();
    await expect(page.getByRole("contentinfo")).toBeVisible();
    // The status line comes from GET /api/v1/meta on the real server and database.
    const meta = await (await page.request.get("/api/v1/meta")).json();
    await expect(
      page.getByText(en.home.status.pglite.replace("{{version}}", meta.version)),
    ).toBeVisible();
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
  });

  test("the first Tab reaches the skip link, which moves focus to the main content", async ({
    page,
    isMobile,
  }) => {
    test.skip(isMobile, "keyboard navigation is checked on the desktop project");
    await page.goto("/");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: en.skipLink });
    await expect(skip).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.locator("main#main")).toBeFocused();
  });

  test("switching to Spanish translates everything and is remembered", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("button", { name: "Español" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(es.home.title);
    await expect(page).toHaveTitle(es.home.documentTitle);
    await expect(page.getByRole("button", { name: "Español" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    await expectAccessible(page);

    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(es.home.title);
    // The server sends <html lang="es"> itself, from the remembered choice.
    const html = await (await page.request.get("/")).text();
    expect(html).toContain('<html lang="es"');
    // And API errors come back in Spanish.
    const problem = await page.request.get("/api/v1/no-such-thing");
    expect(problem.status()).toBe(404);
    expect((await problem.json()).title).toBe(es.problem.not_found.title);

    await page.getByRole("button", { name: "English" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(en.home.title);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  });

  test("a Spanish browser gets Spanish on its first visit", async ({ browser }) => {
    const context = await browser.newContext({ locale: "es-MX" });
    const page = await context.newPage();
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(es.home.title);
    await context.close();
  });

  test("an unknown page says so in the visitor's language and links home", async ({ page }) => {
    await page.goto("/no/such/page");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(en.notFound.title);
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
    await page.getByRole("link", { name: en.notFound.homeLink }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(en.home.title);
  });

  test("the in-page navigation reaches each section", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("link", { name: en.nav.howItWorks }).click();
    await expect(page.getByRole("heading", { name: en.home.how.heading })).toBeInViewport();
  });
});
