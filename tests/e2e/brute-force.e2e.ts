import { expect, type Page, test } from "@playwright/test";
import { DEMO_PASSWORD } from "./support/auth";
import { ownerDb } from "./support/db";
import { controlUrl, tenantUrl } from "./support/ports";

/**
 * 30 wrong passwords through the real form as fast as the server answers each one, then the right
 * password. Returns what the form said each time.
 */
async function hammer(page: Page, url: string, formName: string, fields: Record<string, string>, right: string) {
  await page.goto(url);
  const form = page.getByRole("form", { name: formName });
  for (const [label, value] of Object.entries(fields)) await form.getByLabel(label, { exact: true }).fill(value);
  const submit = async (password: string) => {
    await form.getByLabel("Password", { exact: true }).fill(password);
    const button = form.getByRole("button", { name: "Sign in", exact: true });
    const answered = page.waitForResponse((r) => r.request().method() === "POST");
    await button.click();
    await answered;
    // The form re-renders with the action's answer once it is no longer pending.
    await expect(button).toBeEnabled();
    return (await form.getByRole("alert").first().textContent()) ?? "";
  };
  const started = Date.now();
  const answers: string[] = [];
  for (let i = 0; i < 30; i++) answers.push(await submit(`wrong password ${i}`));
  const elapsed = Date.now() - started;
  const firstLock = answers.findIndex((a) => a.includes("Too many attempts. Try again in"));
  const rightAnswer = await submit(right);
  console.log(
    `[brute-force] ${url}: 30 wrong passwords in ${elapsed} ms, first lock message at attempt ${firstLock + 1}`,
  );
  return { answers, firstLock, right: rightAnswer };
}

test.describe("[SECURITY][BRUTE-FORCE] 30 rapid wrong passwords lock every sign-in", () => {
  test.afterAll(async () => {
    // Other specs sign in from the same loopback address: leave no counters behind.
    await ownerDb().sql`delete from auth_rate_limits`;
  });

  test("tenant site sign-in", async ({ page }) => {
    const r = await hammer(
      page,
      tenantUrl("sunset-sounds", "/sign-in"),
      "Sign in with password",
      { "E-mail": "guest@sunset-sounds.example" },
      DEMO_PASSWORD,
    );
    expect(r.answers.slice(0, 4).every((a) => a.includes("Incorrect e-mail or password."))).toBe(true);
    expect(r.firstLock).toBe(4);
    expect(r.answers[4]).toBe("Too many attempts. Try again in 1 minute.");
    expect(r.answers.slice(4).every((a) => a.includes("Too many attempts. Try again in"))).toBe(true);
    // The right password is refused while the lock holds: still on the sign-in page.
    expect(r.right).toContain("Too many attempts. Try again in");
    await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
  });

  test("tenant admin console sign-in", async ({ page }) => {
    const r = await hammer(
      page,
      controlUrl("/console/sign-in"),
      "Sign in to the admin console",
      { "Organization slug": "sunset-sounds", "E-mail": "ceo@sunset-sounds.example" },
      DEMO_PASSWORD,
    );
    expect(r.firstLock).toBe(4);
    expect(r.answers.slice(4).every((a) => a.includes("Too many attempts. Try again in"))).toBe(true);
    // The tenant site and the console share one budget per account: the site's lock holds here too.
    const shared = await hammer(
      page,
      controlUrl("/console/sign-in"),
      "Sign in to the admin console",
      { "Organization slug": "sunset-sounds", "E-mail": "guest@sunset-sounds.example" },
      DEMO_PASSWORD,
    );
    expect(shared.firstLock).toBe(0);
    expect(shared.right).toContain("Too many attempts. Try again in");
  });

  test("staff sign-in", async ({ page }) => {
    const r = await hammer(
      page,
      controlUrl("/staff/sign-in"),
      "Staff sign in",
      { "E-mail": "support@musicalwheel.example" },
      DEMO_PASSWORD,
    );
    expect(r.firstLock).toBe(4);
    expect(r.right).toContain("Too many attempts. Try again in");
    const [event] = await ownerDb().sql<{ path: string; subject: string }[]>`
      select path, subject from security_events where path = 'staff.password' order by created_at desc limit 1`;
    expect(event).toEqual({ path: "staff.password", subject: "support@musicalwheel.example" });
  });
});
