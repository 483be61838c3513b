import { upsertStaffUser } from "@mw/core/staff";
import { updateMemberRoles } from "@mw/core/verbs";
import { startOnboarding } from "@mw/provisioning";
import { createJobQueue } from "@mw/provisioning/queue";
import { expect, type Page, test } from "@playwright/test";
import { DEMO_PASSWORD, signIn } from "./support/auth";
import { controlDb, ownerCtx, ownerDb, staffCtx, state, tenantBySlug, vercelUrl } from "./support/db";
import { controlUrl, tenantUrl } from "./support/ports";

/**
 * Refusals answer with a 4xx and say why, never a 500 (issue 7.12, ADR 0011); and a page's message
 * comes from a code, never from the query string.
 */

const SLUG = "forest-fm";
const EDITOR = "editor@forest-fm.example";

async function setRoles(roleKeys: string[]) {
  const tenant = await tenantBySlug(SLUG);
  const [m] = await ownerDb().sql<{ id: string }[]>`
    select m.id from memberships m join users u on u.tenant_id = m.tenant_id and u.id = m.user_id
     where m.tenant_id = ${tenant.id} and u.email = ${EDITOR}`;
  if (!m) throw new Error(`no membership for ${EDITOR}`);
  await updateMemberRoles({ ctx: ownerCtx(tenant), input: { membershipId: m.id, roleKeys } });
}

/** Click, and return the status of the Server Action's POST the click sent. */
async function actionStatus(page: Page, click: () => Promise<void>): Promise<number> {
  const response = page.waitForResponse((r) => r.request().method() === "POST" && r.url().startsWith(tenantUrl(SLUG)));
  await click();
  return (await response).status();
}

test.describe("[SECURITY][REFUSALS] refused actions are 4xx with a message", () => {
  test("a member turned viewer: delete and RSVP from the page they still have open answer 403", async ({
    page,
    browser,
  }) => {
    const title = `Refusal Night ${Date.now()}`;
    const artist = `Refusal Artist ${Date.now()}`;
    await signIn(page, SLUG, EDITOR, undefined, "/events/new");
    const eventForm = page.getByRole("form", { name: "New event" });
    await eventForm.getByLabel("Title").fill(title);
    await eventForm.getByLabel("Starts at").fill("2031-07-01T21:00");
    await eventForm.getByLabel("Venue").fill("Back Room");
    await eventForm.getByRole("button", { name: "Create event" }).click();
    await expect(page.getByTestId("event-list")).toContainText(title);
    const eventCard = page.locator("article", { hasText: title });

    // The same member's artist, open in a second tab with its Delete button.
    const artistPage = await page.context().newPage();
    await artistPage.goto(tenantUrl(SLUG, "/artists/new"));
    const artistForm = artistPage.getByRole("form", { name: "New artist" });
    await artistForm.getByLabel("Name").fill(artist);
    await artistForm.getByRole("button", { name: "Create artist" }).click();
    await expect(artistPage.getByRole("heading", { name: artist })).toBeVisible();

    await setRoles(["viewer"]);
    try {
      const rsvp = await actionStatus(page, () => eventCard.getByRole("button", { name: "Going" }).click());
      expect(rsvp).toBe(403);
      await expect(page.getByTestId("forbidden-page")).toContainText("You don't have permission to do that");

      // Delete asks first; the confirmation sends the action.
      await artistPage.getByRole("button", { name: "Delete" }).click();
      const confirm = artistPage.getByRole("alertdialog").getByRole("button", { name: "Delete artist" });
      const del = await actionStatus(artistPage, () => confirm.click());
      expect(del).toBe(403);
      await expect(artistPage.getByTestId("forbidden-page")).toContainText("You don't have permission to do that");
    } finally {
      await setRoles(["member"]);
    }

    // Nothing happened: no RSVP, the artist is still there.
    const tenant = await tenantBySlug(SLUG);
    const [counts] = await ownerDb().sql<{ rsvps: number; artists: number }[]>`
      select (select count(*)::int from event_rsvps r join events e on e.tenant_id = r.tenant_id and e.id = r.event_id
               where e.tenant_id = ${tenant.id} and e.title = ${title}) as rsvps,
             (select count(*)::int from artists where tenant_id = ${tenant.id} and name = ${artist}) as artists`;
    expect(counts).toEqual({ rsvps: 0, artists: 1 });

    // A refusal that is nobody's fault is a message too, not a 500: the event fills up meanwhile.
    await ownerDb().sql`update events set capacity = 0 where tenant_id = ${tenant.id} and title = ${title}`;
    const again = await browser.newPage();
    await signIn(again, SLUG, EDITOR, undefined, "/events");
    const full = await actionStatus(again, () =>
      again.locator("article", { hasText: title }).getByRole("button", { name: "Going" }).click(),
    );
    expect(full).toBeLessThan(500);
    await expect(again.getByRole("main").getByRole("alert")).toContainText("This event is full.");
    await again.close();
  });

  test("sign-in shows messages from codes only, never text from the link", async ({ page }) => {
    for (const error of [
      "<script>alert(1)</script>",
      "Your account is locked. Call +1 555 0100 to unlock it.",
      "constructor",
    ]) {
      await page.goto(tenantUrl(SLUG, `/sign-in?error=${encodeURIComponent(error)}`));
      await expect(page.getByRole("form", { name: "Sign in with password" })).toBeVisible();
      // (Within the page: Next's route announcer is an alert of its own, outside <main>.)
      await expect(page.getByRole("main").getByRole("alert")).toHaveCount(0);
      expect(await page.content()).not.toContain("+1 555 0100");
    }
    await page.goto(tenantUrl(SLUG, "/sign-in?error=session_ended"));
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("Your session has ended. Please sign in again.");
  });
});

test.describe("[SECURITY][REFUSALS] staff console", () => {
  test("a staff member who lost the right to provision: Retry on the parked run they still have open answers 403", async ({
    page,
  }) => {
    const email = `refusal-staff-${Date.now()}@musicalwheel.example`;
    const staff = { email, name: "Rita Refusal", password: DEMO_PASSWORD };
    await upsertStaffUser(controlDb(), { ...staff, roles: ["platform_admin"] });

    // A run that parks: the domain vendor is down for every attempt the step gets (6, the default
    // PROVISIONING_MAX_ATTEMPTS), its backoff pulled forward below.
    const slug = `refusal-${Date.now()}`;
    const fail = await fetch(`${vercelUrl()}/_emulator/fail`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        path: "/v10/projects/prj_emulator0000000000000000/domains",
        method: "POST",
        status: 503,
        times: 6,
      }),
    });
    expect(fail.ok).toBe(true);
    const queue = await createJobQueue({ ownerUrl: state().ownerUrl });
    const { run } = await startOnboarding({
      ctx: staffCtx(),
      input: {
        name: "Refusal Records",
        slug,
        plan: "pro",
        ownerEmail: `owner@${slug}.example`,
        customDomains: [`music.${slug}.example.com`],
        themePreset: "aurora",
      },
      worker: queue,
    });
    await queue.release();
    const status = async () =>
      (await ownerDb().sql<{ status: string }[]>`select status::text from provisioning_runs where id = ${run.id}`)[0]
        ?.status;
    await expect
      .poll(
        async () => {
          await ownerDb().sql`
            update graphile_worker._private_jobs set run_at = now() where key = ${run.id} and locked_at is null`;
          return status();
        },
        { timeout: 60_000, intervals: [300] },
      )
      .toBe("parked");

    await page.goto(controlUrl("/staff/sign-in"));
    const form = page.getByRole("form", { name: "Staff sign in" });
    await form.getByLabel("E-mail").fill(email);
    await form.getByLabel("Password").fill(DEMO_PASSWORD);
    await form.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("textbox", { name: "Search" })).toBeVisible();
    await page.goto(controlUrl(`/staff/runs/${run.id}`));
    const retry = page.getByRole("button", { name: "Retry from the failed step" });
    await expect(retry).toBeVisible();

    // Their role changes to support while the page is open; they click Retry anyway.
    await upsertStaffUser(controlDb(), { ...staff, roles: ["support"] });
    const response = page.waitForResponse(
      (r) => r.request().method() === "POST" && r.url().startsWith(controlUrl("/")),
    );
    await retry.click();
    expect((await response).status()).toBe(403);
    // Nothing was retried, and the page now shows what the new role allows: no Retry, and why.
    expect(await status()).toBe("parked");
    await expect(retry).toBeHidden();
    await expect(page.getByTestId("run-actions-refused")).toContainText("needs a provisioning role");
  });
});
