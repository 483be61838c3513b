import { type APIRequestContext, expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "./support/auth";
import { ownerDb } from "./support/db";
import { controlUrl, tenantUrl } from "./support/ports";

/**
 * What an attacker's script does: read the sign-in form once, then replay its POST (the server
 * action's no-JavaScript form submission) as fast as the server answers, 30 times with wrong
 * passwords, then once with the right one.
 */
async function formFields(request: APIRequestContext, url: string, formLabel: string) {
  const html = await (await request.get(url)).text();
  const start = html.indexOf(`aria-label="${formLabel}"`);
  expect(start, `form "${formLabel}" on ${url}`).toBeGreaterThan(-1);
  const form = html.slice(start, html.indexOf("</form>", start));
  const hidden: Record<string, string> = {};
  for (const tag of form.match(/<input[^>]*type="hidden"[^>]*>/g) ?? []) {
    const name = /name="([^"]*)"/.exec(tag)?.[1];
    if (name) hidden[name] = (/value="([^"]*)"/.exec(tag)?.[1] ?? "").replaceAll("&amp;", "&");
  }
  return hidden;
}

async function hammer(
  request: APIRequestContext,
  url: string,
  formLabel: string,
  fields: Record<string, string>,
  rightPassword: string,
) {
  const hidden = await formFields(request, url, formLabel);
  const post = async (password: string) => {
    const res = await request.post(url, { multipart: { ...hidden, ...fields, password }, maxRedirects: 0 });
    return { status: res.status(), text: await res.text() };
  };
  const started = Date.now();
  const answers = [];
  for (let i = 0; i < 30; i++) answers.push(await post(`wrong password ${i}`));
  const elapsed = Date.now() - started;
  const firstLock = answers.findIndex((a) => a.text.includes("Too many attempts. Try again in"));
  const right = await post(rightPassword);
  console.log(`[brute-force] ${url}: 30 wrong passwords in ${elapsed} ms, locked from attempt ${firstLock + 1}`);
  return { answers, firstLock, right };
}

test.describe("[SECURITY][BRUTE-FORCE] 30 rapid wrong passwords lock every sign-in", () => {
  test.afterAll(async () => {
    // Other specs sign in from the same loopback address: leave no counters behind.
    await ownerDb().sql`delete from auth_rate_limits`;
  });

  test("tenant site sign-in", async ({ request }) => {
    const r = await hammer(
      request,
      tenantUrl("sunset-sounds", "/sign-in"),
      "Sign in with password",
      { email: "guest@sunset-sounds.example" },
      DEMO_PASSWORD,
    );
    expect(r.answers.slice(0, 4).every((a) => a.text.includes("Incorrect e-mail or password."))).toBe(true);
    expect(r.firstLock).toBe(4);
    expect(r.answers.slice(4).every((a) => a.text.includes("Too many attempts. Try again in"))).toBe(true);
    // The right password is refused while the lock holds: no redirect into the site.
    expect(r.right.status).toBe(200);
    expect(r.right.text).toContain("Too many attempts. Try again in");
  });

  test("tenant admin console sign-in", async ({ request }) => {
    const r = await hammer(
      request,
      controlUrl("/console/sign-in"),
      "Sign in to the admin console",
      { slug: "sunset-sounds", email: "ceo@sunset-sounds.example" },
      DEMO_PASSWORD,
    );
    expect(r.firstLock).toBe(4);
    expect(r.answers.slice(4).every((a) => a.text.includes("Too many attempts. Try again in"))).toBe(true);
    // The tenant site and the console share one budget per account: the site's lock holds here too.
    const shared = await hammer(
      request,
      controlUrl("/console/sign-in"),
      "Sign in to the admin console",
      { slug: "sunset-sounds", email: "guest@sunset-sounds.example" },
      DEMO_PASSWORD,
    );
    expect(shared.firstLock).toBe(0);
    expect(shared.right.text).toContain("Too many attempts. Try again in");
  });

  test("staff sign-in", async ({ request }) => {
    const r = await hammer(
      request,
      controlUrl("/staff/sign-in"),
      "Staff sign in",
      { email: "support@musicalwheel.example" },
      DEMO_PASSWORD,
    );
    expect(r.firstLock).toBe(4);
    expect(r.right.text).toContain("Too many attempts. Try again in");
    const [event] = await ownerDb().sql<{ path: string; subject: string }[]>`
      select path, subject from security_events where path = 'staff.password' order by created_at desc limit 1`;
    expect(event).toEqual({ path: "staff.password", subject: "support@musicalwheel.example" });
  });
});
