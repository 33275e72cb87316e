// The first-run story, end to end on one fresh server: setup, a group, an invitation, a second
// person joining and becoming a coordinator, and refusals for a member of another group and for
// an anonymous visitor. Runs first and alone (project "setup-flow"): setup happens once.
import { type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";
import enAccounts from "../../src/web/i18n/accounts/en.json" with { type: "json" };
import esAccounts from "../../src/web/i18n/accounts/es.json" with { type: "json" };
import en from "../../src/web/i18n/en.json" with { type: "json" };
import es from "../../src/web/i18n/es.json" with { type: "json" };
import enScreens from "../../src/web/i18n/screens/en.json" with { type: "json" };
import esScreens from "../../src/web/i18n/screens/es.json" with { type: "json" };
import { expectAccessible, expectNoHorizontalScroll } from "./a11y";

test.describe.configure({ mode: "serial" });

const EN = { ...en, ...enScreens, problem: { ...en.problem, ...enAccounts.problem } };
const ES = { ...es, ...esScreens, problem: { ...es.problem, ...esAccounts.problem } };

/** Fills {{placeholders}} the way i18next does. */
function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(values[name] ?? ""));
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A radio or checkbox whose label starts with `text` (its description follows in the label). */
const startsWith = (text: string) => new RegExp(`^${escapeRegExp(text)}`);

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

async function newPerson(browser: Browser, locale: "en-US" | "es-MX"): Promise<BrowserContext> {
  return browser.newContext({ ...PHONE, locale, baseURL: process.env.E2E_BASE_URL });
}

/** Every page a person sees is checked: accessible, and nothing scrolls sideways at 360 px. */
async function check(page: Page): Promise<void> {
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);
}

const admin = { name: "Ana Admin", email: "ana@example.org", password: "correct horse battery" };
const second = {
  name: "Luis Vecino",
  email: "luis@example.org",
  password: "caballo correcto pila",
};
const third = { name: "Marta Otra", email: "marta@example.org", password: "otra contraseña larga" };
const firstGroup = "Eastside Pantry";
const otherGroup = "Westside Helpers";

let adminContext: BrowserContext;
let adminPage: Page;
let secondContext: BrowserContext;
let secondPage: Page;
let groupId = "";
let invitationUrl = "";

test.beforeAll(async ({ browser }) => {
  adminContext = await newPerson(browser, "en-US");
  adminPage = await adminContext.newPage();
  secondContext = await newPerson(browser, "es-MX");
  secondPage = await secondContext.newPage();
});

test.afterAll(async () => {
  await adminContext?.close();
  await secondContext?.close();
});

test("a new installation starts with setup, which signs the first administrator in", async () => {
  const page = adminPage;
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(EN.setup.title);
  await check(page);

  // Sending it empty explains every field, and the summary takes focus.
  await page.getByRole("button", { name: EN.setup.submit }).click();
  const summary = page.locator(".error-summary");
  await expect(summary).toBeFocused();
  await expect(
    summary.getByRole("link", { name: new RegExp(`^${EN.setup.adminEmail}:`) }),
  ).toBeVisible();
  await expect(page.getByLabel(EN.setup.adminEmail)).toHaveAttribute("aria-invalid", "true");
  await check(page);

  await page.getByLabel(EN.setup.networkName).fill("Eastside Mutual Aid");
  await page.getByLabel(EN.common.timeZone.search).fill("mexico city");
  await expect(page.getByLabel(EN.common.timeZone.label, { exact: true })).toHaveValue(
    "America/Mexico_City",
  );
  await page.getByLabel(EN.setup.adminName).fill(admin.name);
  await page.getByLabel(EN.setup.adminEmail).fill(admin.email);
  const password = page.getByLabel(EN.setup.adminPassword);
  await password.fill(admin.password);
  await page.getByRole("button", { name: EN.common.form.showPassword }).click();
  await expect(password).toHaveAttribute("type", "text");
  await page.getByRole("button", { name: EN.setup.submit }).click();

  await expect(page).toHaveURL(/\/groups\/new$/);
  await expect(page.getByText(EN.setup.success)).toBeVisible();
  await expect(page.getByRole("link", { name: admin.name })).toBeVisible();
  await check(page);
});

test("the administrator creates an invitation-only group and sees its rules in plain words", async () => {
  const page = adminPage;
  await page.getByLabel(EN.groups.form.name).fill(firstGroup);
  await page.getByLabel(EN.groups.form.description).fill("Food and rides for the east side.");
  await page.getByRole("radio", { name: startsWith(EN.common.modes.hybrid.name) }).check();
  await page.getByRole("checkbox", { name: "Español" }).check();
  await page.getByRole("radio", { name: startsWith(EN.groups.form.joiningInvite) }).check();
  await page.getByLabel(EN.groups.form.contactEmail).fill("eastside@example.org");
  await page.getByRole("button", { name: EN.groups.new.submit }).click();

  await expect(page).toHaveURL(/\/groups\/[0-9a-f-]{36}$/);
  groupId = page.url().split("/").pop() ?? "";
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(firstGroup);
  await expect(page.getByText(fill(EN.groups.new.created, { name: firstGroup }))).toBeVisible();
  await expect(
    page.getByText(fill(EN.common.settings.claimExpiryHours.sentence_other, { count: 72 })),
  ).toBeVisible();
  await expect(page.getByText(EN.common.settings.intakeRequiresTriage.on)).toBeVisible();
  await check(page);
});

test("the administrator creates an invitation link to copy", async () => {
  const page = adminPage;
  const groupNav = page.getByRole("navigation", {
    name: fill(EN.groups.nav.label, { name: firstGroup }),
  });
  await groupNav.getByRole("link", { name: EN.groups.nav.members }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    fill(EN.groups.members.title, { name: firstGroup }),
  );
  await expect(page.getByRole("heading", { name: EN.groups.requests.title })).toBeVisible();
  await check(page);

  await page.getByLabel(EN.groups.invitations.uses).fill("2");
  await page.getByRole("button", { name: EN.groups.invitations.create }).click();
  await expect(page.getByText(EN.groups.invitations.created)).toBeVisible();
  const link = page.getByRole("textbox", { name: EN.groups.invitations.linkLabel });
  invitationUrl = await link.inputValue();
  expect(invitationUrl).toMatch(/\/join#[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole("button", { name: EN.groups.invitations.copy })).toBeVisible();
  await expect(
    page.getByText(fill(EN.groups.invitations.usage, { uses: 0, count: 2 })),
  ).toBeVisible();
  await check(page);
});

test("a second person opens the invitation, signs up in Spanish and joins", async () => {
  const page = secondPage;
  // The link is the one the server made for this installation's public address.
  await page.goto(invitationUrl);
  await expect(page).toHaveURL(/\/join$/); // the token left the address bar
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    fill(ES.invitation.heading, { name: firstGroup }),
  );
  await expect(
    page.getByText(fill(ES.invitation.role, { role: ES.common.roles.member })),
  ).toBeVisible();
  await check(page);

  await page.getByRole("main").getByRole("link", { name: ES.invitation.signUp }).click();
  await expect(page).toHaveURL(/\/sign-up\?next=%2Fjoin$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(ES.auth.signUp.title);
  await check(page);
  await page.getByLabel(ES.auth.fields.name).fill(second.name);
  await page.getByLabel(ES.auth.fields.email).fill(second.email);
  await page.getByLabel(ES.auth.fields.password, { exact: true }).fill(second.password);
  await page.getByLabel(ES.auth.fields.phone).fill("+52 55 1234 5678");
  await page.getByRole("button", { name: ES.auth.signUp.submit }).click();

  // Back at the invitation (its token kept in this tab, not in the address), now signed in.
  await expect(page).toHaveURL(/\/join$/);
  await expect(page.getByText(fill(ES.invitation.signedInAs, { name: second.name }))).toBeVisible();
  await check(page);
  await page.getByRole("button", { name: ES.invitation.accept }).click();
  await expect(page).toHaveURL(new RegExp(`/groups/${groupId}$`));
  await expect(
    page.getByText(fill(ES.invitation.joined, { name: firstGroup, role: ES.common.roles.member })),
  ).toBeVisible();
  await check(page);
});

test("the administrator makes the second person a coordinator", async () => {
  const page = adminPage;
  await page.reload();
  const card = page
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { name: second.name }) });
  // Admins see every member's contact details.
  await expect(card.getByRole("link", { name: second.email })).toBeVisible();
  await card
    .getByLabel(fill(EN.groups.members.roleFor, { name: second.name }))
    .selectOption("coordinator");
  await card.getByRole("button", { name: EN.groups.members.changeRole }).click();
  // The question takes focus, so a keyboard or screen reader user lands on it.
  await expect(card.locator(".confirm-box")).toBeFocused();
  await expect(
    card.getByText(
      fill(EN.groups.members.confirmRole, { name: second.name, role: EN.common.roles.coordinator }),
    ),
  ).toBeVisible();
  await check(page);
  await card.getByRole("button", { name: EN.groups.members.confirmRoleYes }).click();
  await expect(
    page.getByText(
      fill(EN.groups.members.roleChanged, { name: second.name, role: EN.common.roles.coordinator }),
    ),
  ).toBeVisible();
  await expect(card.locator(".badge")).toHaveText(EN.common.roles.coordinator);
});

test("the new coordinator sees what a coordinator sees", async () => {
  const page = secondPage;
  await page.goto(`/groups/${groupId}`);
  const groupNav = page.getByRole("navigation", {
    name: fill(ES.groups.nav.label, { name: firstGroup }),
  });
  await expect(
    page.getByText(fill(ES.common.viewer.role, { role: ES.common.roles.coordinator })),
  ).toBeVisible();
  // Settings and the activity log are for admins.
  await expect(groupNav.getByRole("link", { name: ES.groups.nav.settings })).toHaveCount(0);
  await groupNav.getByRole("link", { name: ES.groups.nav.members }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    fill(ES.groups.members.title, { name: firstGroup }),
  );
  await expect(page.getByRole("heading", { name: ES.groups.requests.title })).toBeVisible();
  await expect(page.getByText(ES.groups.requests.none)).toBeVisible();
  await expect(
    page.getByRole("heading", { name: ES.groups.invitations.title, level: 2 }),
  ).toBeVisible();
  // The admin's contact details, shown to coordinators.
  await expect(page.getByRole("link", { name: admin.email })).toBeVisible();
  // Coordinators invite members and volunteers only, and change nobody's role.
  const roles = page.getByLabel(ES.groups.invitations.role);
  await expect(roles.locator("option")).toHaveText([
    ES.common.roles.member,
    ES.common.roles.volunteer,
  ]);
  await expect(page.getByLabel(fill(ES.groups.members.roleFor, { name: admin.name }))).toHaveCount(
    0,
  );
  await check(page);
});

test("the administrator changes a rule and finds it in the activity log", async () => {
  const page = adminPage;
  await page.goto(`/groups/${groupId}/settings`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    fill(EN.groupSettings.title, { name: firstGroup }),
  );
  await check(page);
  const rule = page.getByRole("group", { name: EN.common.settings.claimExpiryHours.label });
  await expect(
    rule.getByLabel(
      fill(EN.groupSettings.useDefault, {
        value: fill(EN.common.settings.claimExpiryHours.value_other, { count: 72 }),
      }),
    ),
  ).toBeChecked();
  await rule.getByLabel(EN.groupSettings.useOwn).check();
  await rule.getByLabel(fill(EN.groupSettings.ownValue, { min: 1, max: 720 })).fill("48");
  await page.getByRole("button", { name: EN.groupSettings.save }).click();
  await expect(page.getByText(EN.groupSettings.saved)).toBeVisible();

  await page.getByRole("link", { name: EN.groups.nav.audit }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    fill(EN.audit.title, { name: firstGroup }),
  );
  await expect(page.getByText(EN.audit.actions.group.updated)).toBeVisible();
  await expect(
    page.getByText(
      fill(EN.audit.sentences.roleChanged, {
        actor: admin.name,
        target: second.name,
        from: EN.common.roles.member,
        to: EN.common.roles.coordinator,
      }),
    ),
  ).toBeVisible();
  await check(page);

  await page.goto(`/groups/${groupId}`);
  await expect(
    page.getByText(fill(EN.common.settings.claimExpiryHours.sentence_other, { count: 48 })),
  ).toBeVisible();
});

test("a member of another group is refused the members page, in Spanish", async ({ browser }) => {
  // The other group: open, people join at once.
  const page = adminPage;
  await page.goto("/groups");
  await page.getByRole("link", { name: EN.groups.directory.create }).click();
  await page.getByLabel(EN.groups.form.name).fill(otherGroup);
  await page.getByLabel(EN.groups.form.autoApprove).check();
  await page.getByRole("button", { name: EN.groups.new.submit }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(otherGroup);

  const context = await newPerson(browser, "es-MX");
  const visitor = await context.newPage();
  await visitor.goto("/sign-up");
  await visitor.getByLabel(ES.auth.fields.name).fill(third.name);
  await visitor.getByLabel(ES.auth.fields.email).fill(third.email);
  await visitor.getByLabel(ES.auth.fields.password, { exact: true }).fill(third.password);
  await visitor.getByRole("button", { name: ES.auth.signUp.submit }).click();
  await expect(visitor).toHaveURL(/\/profile$/);
  await expect(visitor.getByText(ES.auth.signUp.success)).toBeVisible();
  await check(visitor);

  await visitor
    .getByRole("navigation", { name: ES.nav.label })
    .getByRole("link", { name: ES.common.nav.groups })
    .click();
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(ES.groups.directory.title);
  await check(visitor);
  await visitor.getByRole("link", { name: otherGroup }).click();
  await visitor.getByRole("button", { name: ES.groups.page.join }).click();
  await expect(
    visitor.getByText(fill(ES.groups.page.joined, { role: ES.common.roles.member })),
  ).toBeVisible();
  await check(visitor);

  await visitor.goto(`/groups/${groupId}/members`);
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(ES.problem.forbidden.title);
  await expect(visitor.getByText(ES.problem.forbidden.detail)).toBeVisible();
  await expect(visitor.getByText(second.email)).toHaveCount(0);
  await check(visitor);
  await context.close();
});

test("an anonymous visitor is asked to sign in, and comes back after signing in", async ({
  browser,
}) => {
  const spanish = await newPerson(browser, "es-MX");
  const visitor = await spanish.newPage();
  await visitor.goto(`/groups/${groupId}/members`);
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(
    ES.problem.sign_in_required.title,
  );
  await expect(visitor.getByText(ES.problem.sign_in_required.detail)).toBeVisible();
  await check(visitor);
  await spanish.close();

  const english = await newPerson(browser, "en-US");
  const page = await english.newPage();
  const members = `/groups/${groupId}/members`;
  await page.goto(members);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    EN.problem.sign_in_required.title,
  );
  await page.getByRole("main").getByRole("link", { name: EN.common.refusal.signIn }).click();
  await expect(page).toHaveURL(`/sign-in?next=${encodeURIComponent(members)}`);
  await check(page);

  // A wrong password is explained in words, and nothing else happens.
  await page.getByLabel(EN.auth.fields.email).fill(admin.email);
  await page.getByLabel(EN.auth.fields.password, { exact: true }).fill("not the password");
  await page.getByRole("button", { name: EN.auth.signIn.submit, exact: true }).click();
  await expect(page.locator(".error-summary")).toBeFocused();
  await expect(page.getByText(EN.problem.invalid_credentials.title)).toBeVisible();
  await check(page);

  await page.getByLabel(EN.auth.fields.password, { exact: true }).fill(admin.password);
  await page.getByRole("button", { name: EN.auth.signIn.submit, exact: true }).click();
  await expect(page).toHaveURL(members);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    fill(EN.groups.members.title, { name: firstGroup }),
  );
  await english.close();
});
