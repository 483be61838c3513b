import { publishTheme, resumeTenant, saveThemeDraft, suspendTenant } from "@mw/core/verbs";
import { THEME_PRESETS } from "@mw/themes";
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, signIn } from "./support/auth";
import { ownerCtx, ownerDb, resendUrl, staffCtx, tenantBySlug } from "./support/db";
import { tenantUrl } from "./support/ports";

const primaryColor = (page: import("@playwright/test").Page) =>
  page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--mw-color-primary").trim());

test("[RUNTIME][BRANDING] two tenants on their own hosts show two different brands", async ({ page }) => {
  await page.goto(tenantUrl("aurora-records"));
  await expect(page).toHaveTitle("Aurora Records");
  await expect(page.getByRole("heading", { name: "Welcome to Aurora Records" })).toBeVisible();
  const aurora = await primaryColor(page);
  await page.screenshot({ path: "test-results/screens/aurora-home.png", fullPage: true });

  await page.goto(tenantUrl("sunset-sounds"));
  await expect(page).toHaveTitle("Sunset Sounds");
  const sunset = await primaryColor(page);
  await page.screenshot({ path: "test-results/screens/sunset-home.png", fullPage: true });

  expect(aurora).toBe(THEME_PRESETS.aurora.colors.light.primary);
  expect(sunset).toBe(THEME_PRESETS.sunset.colors.light.primary);
  expect(aurora).not.toBe(sunset);
  // Free and Pro plans carry the platform footer; nothing else mentions the platform.
  await expect(page.getByTestId("powered-by")).toBeVisible();
});

test("[RUNTIME][ROUTING] an unknown host is a 404, never a default tenant", async ({ page }) => {
  const res = await page.goto(tenantUrl("no-such-tenant"));
  expect(res?.status()).toBe(404);
  await expect(page.getByText("Aurora Records")).toHaveCount(0);
});

async function mailTo(request: import("@playwright/test").APIRequestContext, to: string, subject: RegExp) {
  let found: { html: string; subject: string; from: string } | undefined;
  await expect
    .poll(
      async () => {
        const res = await request.get(`${resendUrl()}/_emulator/emails?to=${encodeURIComponent(to)}`);
        const { data } = (await res.json()) as { data: { html: string; subject: string; from: string }[] };
        found = data.find((m) => subject.test(m.subject));
        return Boolean(found);
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  return found as { html: string; subject: string; from: string };
}

test("[RUNTIME][AUTH][ARTISTS] a visitor signs up, confirms by e-mail, creates an artist and sees it", async ({
  page,
  request,
}) => {
  const email = `fan-${Date.now()}@example.com`;
  await page.goto(tenantUrl("aurora-records", "/sign-up"));
  const form = page.getByRole("form", { name: "Create your account" });
  await form.getByLabel("Name").fill("Nina Fan");
  await form.getByLabel("E-mail").fill(email);
  await form.getByLabel("Password (at least 10 characters)").fill("short");
  await form.getByRole("button", { name: "Create account" }).click();
  // The browser's own minLength stops it; with a valid length the server decides.
  await form.getByLabel("Password (at least 10 characters)").fill("a fine long password");
  await form.getByRole("button", { name: "Create account" }).click();
  // The same answer an existing address gets (ADR 0007); the account waits for the e-mailed link.
  await expect(page.getByRole("status")).toContainText(`Check your e-mail: we sent a message to ${email}`);
  const mail = await mailTo(request, email, /Confirm your e-mail/);
  const link = mail.html
    .match(/href="(http:\/\/aurora-records\.localhost:\d+\/auth\/confirm\?token=[^"]+)"/)?.[1]
    ?.replaceAll("&amp;", "&");
  expect(link).toBeTruthy();
  await page.goto(link as string);
  await page.getByRole("button", { name: "Create my Aurora Records account" }).click();
  await expect(page.getByTestId("signed-in-as")).toContainText("Nina Fan");

  await page.getByRole("link", { name: "New artist" }).click();
  const artistForm = page.getByRole("form", { name: "New artist" });
  await artistForm.getByLabel("Website (https://…)").fill("http://insecure.example");
  await artistForm.getByLabel("Name").fill("The Night Owls");
  await artistForm.getByLabel("Genre").fill("Jazz");
  await artistForm.getByRole("button", { name: "Create artist" }).click();
  // The refusal is on the field itself: marked invalid and described by its error.
  await expect(artistForm.getByLabel("Website (https://…)")).toHaveAttribute("aria-invalid", "true");
  await artistForm.getByLabel("Website (https://…)").fill("https://nightowls.example");
  await artistForm.getByRole("button", { name: "Create artist" }).click();
  await expect(page.getByRole("heading", { name: "The Night Owls" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit" })).toBeVisible();
  await page.screenshot({ path: "test-results/screens/artist-created.png", fullPage: true });

  await page.goto(tenantUrl("aurora-records", "/artists?q=night"));
  await expect(page.getByTestId("artist-list")).toContainText("The Night Owls");

  const tenant = await tenantBySlug("aurora-records");
  const rows = await ownerDb().sql`
    select a.name, u.email from artists a join users u on u.id = a.owner_id where a.tenant_id = ${tenant.id} and a.name = 'The Night Owls'`;
  expect(rows).toEqual([{ name: "The Night Owls", email }]);
  const audit = await ownerDb()
    .sql`select action from audit_events where tenant_id = ${tenant.id} and action in ('user.signup', 'artist.create')`;
  expect(audit.map((r) => r.action).sort()).toEqual(["artist.create", "user.signup"]);
});

test("[RUNTIME][PERMISSIONS] a viewer can read but not edit", async ({ page }) => {
  await signIn(page, "forest-fm", "editor@forest-fm.example", DEMO_PASSWORD, "/artists/new");
  const form = page.getByRole("form", { name: "New artist" });
  await form.getByLabel("Name").fill("Editor's Pick");
  await form.getByRole("button", { name: "Create artist" }).click();
  await expect(page.getByRole("heading", { name: "Editor's Pick" })).toBeVisible();
  const artistUrl = new URL(page.url()).pathname;
  await page.getByRole("button", { name: "Sign out" }).click();

  await signIn(page, "forest-fm", "guest@forest-fm.example");
  await expect(page.getByRole("link", { name: "New artist" })).toHaveCount(0);
  // Only administrators are shown the way to the admin console.
  await expect(page.getByRole("link", { name: "Admin console" })).toHaveCount(0);
  await page.goto(tenantUrl("forest-fm", artistUrl));
  await expect(page.getByRole("heading", { name: "Editor's Pick" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Delete" })).toHaveCount(0);
  await page.goto(tenantUrl("forest-fm", `${artistUrl}/edit`));
  await expect(page.getByTestId("forbidden")).toContainText("not edit");
  await page.screenshot({ path: "test-results/screens/viewer-cannot-edit.png", fullPage: true });
});

test("[RUNTIME][PLANS] a Free tenant sees the upgrade prompt on events", async ({ page }) => {
  await signIn(page, "sunset-sounds", "owner@sunset-sounds.example", DEMO_PASSWORD, "/events");
  await expect(page.getByTestId("upgrade-prompt")).toContainText(
    "Events are available on the Pro plan and above. Upgrade in Billing.",
  );
  await page.screenshot({ path: "test-results/screens/free-events-upgrade.png", fullPage: true });
  await page.getByRole("button", { name: "Sign out" }).click();
  await signIn(page, "sunset-sounds", "editor@sunset-sounds.example", DEMO_PASSWORD, "/events");
  await expect(page.getByTestId("upgrade-prompt")).toContainText("not included in this organization's plan");
  await expect(page.getByTestId("upgrade-prompt")).not.toContainText("Upgrade in Billing");

  // On Pro, events work: create one and RSVP.
  await page.getByRole("button", { name: "Sign out" }).click();
  await signIn(page, "aurora-records", "editor@aurora-records.example", DEMO_PASSWORD, "/events/new");
  const form = page.getByRole("form", { name: "New event" });
  await form.getByLabel("Title").fill("Late Night Session");
  await form.getByLabel("Starts at").fill("2031-06-01T21:00");
  await form.getByLabel("Venue").fill("Blue Room");
  await form.getByRole("button", { name: "Create event" }).click();
  await expect(page.getByTestId("event-list")).toContainText("Late Night Session");
  await page.getByRole("button", { name: "Going" }).first().click();
  await expect(page.getByTestId("event-list")).toContainText("1 going");
});

test("[RUNTIME][EVENTS][DATES] an event entered as 21:30 in Oslo is 20:30Z and reads 21:30 Oslo time everywhere", async ({
  browser,
}) => {
  const oslo = await browser.newContext({ timezoneId: "Europe/Oslo", locale: "en-GB" });
  const page = await oslo.newPage();
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(m.text());
  });
  await signIn(page, "aurora-records", "editor@aurora-records.example", DEMO_PASSWORD, "/events/new");
  const form = page.getByRole("form", { name: "New event" });
  // The zone defaults to the browser's.
  await expect(form.getByLabel("Time zone")).toHaveValue("Europe/Oslo");
  await form.getByLabel("Title").fill("Fjord Winter Night");
  await form.getByLabel("Starts at").fill("2031-01-15T21:30");
  await form.getByRole("button", { name: "Create event" }).click();
  const card = page.getByTestId("event-list").locator("article", { hasText: "Fjord Winter Night" });
  await expect(card).toContainText("15 Jan 2031, 21:30 CET");
  await expect(card).toContainText(/in \d+ years/);
  await expect(card.locator("time").first()).toHaveAttribute("dateTime", "2031-01-15T20:30:00.000Z");
  const [row] = await ownerDb().sql`
    select to_char(starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI') as utc, time_zone
    from events where title = 'Fjord Winter Night'`;
  expect(row).toEqual({ utc: "2031-01-15T20:30", time_zone: "Europe/Oslo" });

  // A gap is refused with a field error (Oslo skips 02:00–03:00 on 30 March 2031).
  await page.goto(tenantUrl("aurora-records", "/events/new"));
  await form.getByLabel("Title").fill("Lost hour");
  await form.getByLabel("Starts at").fill("2031-03-30T02:30");
  await form.getByRole("button", { name: "Create event" }).click();
  await expect(form.getByLabel("Starts at")).toHaveAccessibleDescription(/does not exist in Europe\/Oslo/);
  await page.screenshot({ path: "test-results/screens/event-gap-error.png", fullPage: true });

  // A reader in New York still sees the Oslo time, named; the server's HTML said it before scripts ran.
  const ny = await browser.newContext({ timezoneId: "America/New_York", locale: "en-US" });
  const reader = await ny.newPage();
  reader.on("console", (m) => {
    if (m.type() === "error") problems.push(m.text());
  });
  await signIn(reader, "aurora-records", "guest@aurora-records.example", DEMO_PASSWORD, "/events");
  const seen = reader.getByTestId("event-list").locator("article", { hasText: "Fjord Winter Night" });
  await expect(seen).toContainText("Jan 15, 2031, 9:30 PM GMT+1");
  const html = await reader.evaluate(() => fetch("/events").then((r) => r.text()));
  expect(html).toContain("15 Jan 2031, 21:30 CET");
  await reader.screenshot({ path: "test-results/screens/events-new-york-reader.png", fullPage: true });
  expect(problems, "no hydration or other console errors").toEqual([]);
  await oslo.close();
  await ny.close();
});

test("[RUNTIME][AUTH] a member signs in with a magic link from the mailbox", async ({ page, request }) => {
  await page.goto(tenantUrl("aurora-records", "/sign-in"));
  const form = page.getByRole("form", { name: "Sign in with an e-mailed link" });
  await form.getByLabel("E-mail").fill("guest@aurora-records.example");
  await form.getByRole("button", { name: "E-mail me a sign-in link" }).click();
  await expect(form.getByRole("status")).toContainText("sign-in link is on its way");
  // Delivered by the e-mail worker right after the request, not inside it.
  const latest = await mailTo(request, "guest@aurora-records.example", /sign-in link/);
  expect(latest?.from).toContain("Aurora Records");
  const link = latest?.html
    .match(/href="(http:\/\/aurora-records\.localhost:\d+\/auth\/magic\?token=[^"]+)"/)?.[1]
    ?.replaceAll("&amp;", "&");
  expect(link).toBeTruthy();
  // Opening the link alone changes nothing (mail scanners prefetch links); the click signs in.
  await page.goto(link as string);
  await page.getByRole("button", { name: "Sign in to Aurora Records" }).click();
  await expect(page.getByTestId("signed-in-as")).toContainText("Guest of Aurora Records");
  // A link works once.
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.goto(link as string);
  await page.getByRole("button", { name: "Sign in to Aurora Records" }).click();
  await expect(page.getByText("This sign-in link is invalid, used or expired")).toBeVisible();
});

test("[RUNTIME][BRANDING] a published theme shows on the tenant's pages within seconds", async ({ page }) => {
  const tenant = await tenantBySlug("forest-fm");
  await page.goto(tenantUrl("forest-fm"));
  expect(await primaryColor(page)).toBe(THEME_PRESETS.forest.colors.light.primary);
  const started = Date.now();
  await saveThemeDraft({ ctx: ownerCtx(tenant), input: { preset: "sunset" } });
  await publishTheme({ ctx: ownerCtx(tenant) });
  await expect
    .poll(
      async () => {
        await page.reload();
        return primaryColor(page);
      },
      { timeout: 10_000, intervals: [250] },
    )
    .toBe(THEME_PRESETS.sunset.colors.light.primary);
  expect(Date.now() - started).toBeLessThan(10_000);
  // Put the brand back for the other journeys.
  await saveThemeDraft({ ctx: ownerCtx(tenant), input: { preset: "forest" } });
  await publishTheme({ ctx: ownerCtx(tenant) });
});

test("[RUNTIME][SUSPENDED] a suspended tenant shows its branded page with 503", async ({ page }) => {
  const tenant = await tenantBySlug("sunset-sounds");
  await suspendTenant({ ctx: staffCtx(), input: { tenantId: tenant.id, reason: "e2e: unpaid invoices" } });
  try {
    await expect
      .poll(async () => (await page.goto(tenantUrl("sunset-sounds", "/artists")))?.status(), { timeout: 10_000 })
      .toBe(503);
    await expect(page.getByTestId("suspended")).toContainText("Sunset Sounds is temporarily unavailable");
    await page.screenshot({ path: "test-results/screens/suspended.png", fullPage: true });
  } finally {
    await resumeTenant({ ctx: staffCtx(), input: { tenantId: tenant.id } });
  }
  await expect.poll(async () => (await page.goto(tenantUrl("sunset-sounds")))?.status(), { timeout: 10_000 }).toBe(200);
});
