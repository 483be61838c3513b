import { render } from "@react-email/render";
import { createElement } from "react";
import { Resend } from "resend";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { IDEMPOTENCY_TTL_MS, type ResendEmulator, startResendEmulator } from "../index";

const API_KEY = "re_test_emulator_key";
const FROM = "Aurora Records <no-reply@mail.aurora.test>";

let emulator: ResendEmulator;
let resend: Resend;

beforeAll(async () => {
  emulator = await startResendEmulator({ port: 0, apiKey: API_KEY });
  resend = new Resend(API_KEY, { baseUrl: emulator.url });
});
afterAll(async () => {
  await emulator.stop();
});
beforeEach(() => {
  emulator.clear();
});

const plainEmail = (overrides: Record<string, unknown> = {}) => ({
  from: FROM,
  to: "ada@example.com",
  subject: "Sign in to Aurora",
  html: "<p>Hello</p>",
  text: "Hello",
  ...overrides,
});

describe("Resend emulator, driven by the real resend SDK", () => {
  it("binds to loopback only", () => {
    expect(emulator.url).toBe(`http://127.0.0.1:${emulator.port}`);
  });

  it("stores exactly the body the SDK sent, with react rendered to html by the SDK", async () => {
    const element = createElement("p", null, "Welcome to Aurora, Ada");
    const { data, error } = await resend.emails.send(
      {
        from: FROM,
        to: ["ada@example.com"],
        subject: "Welcome",
        react: element,
        text: "Welcome to Aurora, Ada",
        tags: [{ name: "template", value: "welcome" }],
      },
      { idempotencyKey: "welcome/usr_1" },
    );
    expect(error).toBeNull();
    expect(data?.id).toMatch(/^[0-9a-f-]{36}$/);

    expect(emulator.store.size).toBe(1);
    const [stored] = emulator.store.list();
    expect(stored?.id).toBe(data?.id);
    expect(stored?.requestBody).toEqual({
      from: FROM,
      to: ["ada@example.com"],
      subject: "Welcome",
      html: await render(element),
      text: "Welcome to Aurora, Ada",
      tags: [{ name: "template", value: "welcome" }],
    });
    expect(stored?.body.html).toContain("<p>Welcome to Aurora, Ada</p>");
    expect(stored?.idempotencyKey).toBe("welcome/usr_1");
    expect(stored?.userAgent).toMatch(/^resend-node:/);
  });

  it("returns the email object through emails.get, typed as Resend returns it", async () => {
    const { data: sent } = await resend.emails.send(
      plainEmail({
        cc: "cc@example.com",
        replyTo: ["help@aurora.test"],
        tags: [{ name: "kind", value: "magic_link" }],
      }),
    );
    const { data, error } = await resend.emails.get(sent?.id ?? "");
    expect(error).toBeNull();
    expect(data).toMatchObject({
      object: "email",
      id: sent?.id,
      to: ["ada@example.com"],
      from: FROM,
      subject: "Sign in to Aurora",
      html: "<p>Hello</p>",
      text: "Hello",
      cc: ["cc@example.com"],
      bcc: null,
      reply_to: ["help@aurora.test"],
      last_event: "delivered",
      scheduled_at: null,
      tags: [{ name: "kind", value: "magic_link" }],
    });
    expect(data?.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/);
  });

  it("answers not_found for an unknown email id", async () => {
    const { data, error } = await resend.emails.get("00000000-0000-4000-8000-000000000000");
    expect(data).toBeNull();
    expect(error).toMatchObject({ statusCode: 404, name: "not_found" });
  });

  it("lists emails newest first and honours limit", async () => {
    const ids: string[] = [];
    for (const subject of ["first", "second", "third"]) {
      const { data } = await resend.emails.send(plainEmail({ subject }));
      ids.push(data?.id ?? "");
    }
    const { data, error } = await resend.emails.list({ limit: 2 });
    expect(error).toBeNull();
    expect(data?.object).toBe("list");
    expect(data?.has_more).toBe(true);
    expect(data?.data.map((e) => e.id)).toEqual([ids[2], ids[1]]);
    expect(data?.data[0]).not.toHaveProperty("html");

    const next = await resend.emails.list({ limit: 2, after: ids[1] ?? "" });
    expect(next.data?.data.map((e) => e.id)).toEqual([ids[0]]);
    expect(next.data?.has_more).toBe(false);

    const bad = await resend.emails.list({ limit: 500 });
    expect(bad.error).toMatchObject({ statusCode: 422, name: "validation_error" });
  });

  it("replays an idempotent retry without storing a second email", async () => {
    const first = await resend.emails.send(plainEmail(), { idempotencyKey: "magic/req_1" });
    const second = await resend.emails.send(plainEmail(), { idempotencyKey: "magic/req_1" });
    expect(first.error).toBeNull();
    expect(second.data).toEqual(first.data);
    expect(emulator.store.size).toBe(1);
  });

  it("refuses a reused idempotency key with a different body", async () => {
    await resend.emails.send(plainEmail(), { idempotencyKey: "magic/req_2" });
    const { data, error } = await resend.emails.send(plainEmail({ subject: "Other" }), {
      idempotencyKey: "magic/req_2",
    });
    expect(data).toBeNull();
    expect(error).toMatchObject({ statusCode: 409, name: "invalid_idempotent_request" });
    expect(emulator.store.size).toBe(1);
  });

  it("forgets idempotency keys after 24 hours on the emulator clock", async () => {
    const first = await resend.emails.send(plainEmail(), { idempotencyKey: "magic/req_3" });
    emulator.clock.advance(IDEMPOTENCY_TTL_MS - 1000);
    const replay = await resend.emails.send(plainEmail(), { idempotencyKey: "magic/req_3" });
    expect(replay.data).toEqual(first.data);
    emulator.clock.advance(1000);
    const fresh = await resend.emails.send(plainEmail(), { idempotencyKey: "magic/req_3" });
    expect(fresh.data?.id).not.toBe(first.data?.id);
    expect(emulator.store.size).toBe(2);
  });

  it("answers missing_api_key without an Authorization header", async () => {
    const { data, error } = await resend.emails.send(plainEmail(), { headers: { Authorization: "" } });
    expect(data).toBeNull();
    expect(error).toEqual({
      statusCode: 401,
      name: "missing_api_key",
      message: "Missing API key in the authorization header.",
    });
    expect(emulator.store.size).toBe(0);
  });

  it("answers invalid_api_key for a key the account does not have", async () => {
    const stranger = new Resend("re_not_this_account", { baseUrl: emulator.url });
    const { error } = await stranger.emails.send(plainEmail());
    expect(error).toMatchObject({ statusCode: 403, name: "invalid_api_key" });
    expect(emulator.store.size).toBe(0);
  });

  it("names the missing field", async () => {
    const { subject: _omitted, ...withoutSubject } = plainEmail();
    const { error } = await resend.emails.send(withoutSubject as Parameters<Resend["emails"]["send"]>[0]);
    expect(error).toEqual({ statusCode: 422, name: "missing_required_field", message: "Missing `subject` field." });
  });

  it("names an invalid from address", async () => {
    const { error } = await resend.emails.send(plainEmail({ from: "Aurora Records" }));
    expect(error?.statusCode).toBe(422);
    expect(error?.name).toBe("validation_error");
    expect(error?.message).toMatch(/^Invalid `from` field\./);
  });

  it.each([
    ["to", { to: "not-an-address" }, /^Invalid `to` field\./],
    ["tags", { tags: [{ name: "has space", value: "x" }] }, /^Invalid `tags` field\./],
    ["cc", { cc: ["ok@example.com", "<broken"] }, /^Invalid `cc` field\./],
  ])("names an invalid %s field", async (_field, overrides, message) => {
    const { error } = await resend.emails.send(plainEmail(overrides));
    expect(error).toMatchObject({ statusCode: 422, name: "validation_error" });
    expect(error?.message).toMatch(message);
  });

  it("requires html or text", async () => {
    const { error } = await resend.emails.send(plainEmail({ html: undefined, text: undefined }));
    expect(error).toMatchObject({ statusCode: 422, name: "missing_required_field" });
  });

  it("accepts named, quoted and bare addresses", async () => {
    for (const from of ["no-reply@mail.aurora.test", '"Aurora, Inc." <no-reply@mail.aurora.test>', FROM]) {
      const { error } = await resend.emails.send(plainEmail({ from }));
      expect(error, from).toBeNull();
    }
  });

  it("fails on demand with the body Resend sends, then recovers", async () => {
    emulator.failNext({ path: "/emails", method: "POST", status: 500, times: 2 });
    const first = await resend.emails.send(plainEmail(), { idempotencyKey: "magic/req_4" });
    const second = await resend.emails.send(plainEmail(), { idempotencyKey: "magic/req_4" });
    const third = await resend.emails.send(plainEmail(), { idempotencyKey: "magic/req_4" });
    expect(first.error).toMatchObject({ statusCode: 500, name: "application_error" });
    expect(second.error).toMatchObject({ statusCode: 500 });
    expect(third.error).toBeNull();
    expect(emulator.store.size).toBe(1);
  });

  it("rate-limits on demand with Resend's headers", async () => {
    emulator.failNext({ path: "/emails", status: 429 });
    const { error, headers } = await resend.emails.send(plainEmail());
    expect(error).toMatchObject({ statusCode: 429, name: "rate_limit_exceeded" });
    expect(headers?.["retry-after"]).toBe("1");
  });

  it("takes failure injection and filters the mailbox over HTTP", async () => {
    const fail = await fetch(`${emulator.url}/_emulator/fail`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ path: "/emails", status: 422, times: 1 }),
    });
    expect(fail.status).toBe(200);
    const refused = await resend.emails.send(plainEmail());
    expect(refused.error).toMatchObject({ statusCode: 422, name: "validation_error" });

    await resend.emails.send(plainEmail({ to: ["Ada <ADA@example.com>"] }));
    await resend.emails.send(plainEmail({ to: "grace@example.com" }));
    const res = await fetch(`${emulator.url}/_emulator/emails?to=ada@example.com`);
    const body = (await res.json()) as { object: string; data: { to: string[]; html: string }[] };
    expect(body.object).toBe("list");
    expect(body.data).toHaveLength(1);
    expect(body.data[0]?.to).toEqual(["Ada <ADA@example.com>"]);
    expect(body.data[0]?.html).toBe("<p>Hello</p>");

    const cleared = await fetch(`${emulator.url}/_emulator/clear`, { method: "POST" });
    expect(cleared.status).toBe(200);
    expect(emulator.store.size).toBe(0);
  });

  it("rejects a malformed failure spec", async () => {
    const res = await fetch(`${emulator.url}/_emulator/fail`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ path: "emails", status: 200 }),
    });
    expect(res.status).toBe(400);
  });

  it("answers Resend's errors for unknown paths and methods", async () => {
    const unknown = await fetch(`${emulator.url}/domains`, { headers: { authorization: `Bearer ${API_KEY}` } });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ statusCode: 404, name: "not_found" });
    const wrongMethod = await fetch(`${emulator.url}/emails`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${API_KEY}` },
    });
    expect(wrongMethod.status).toBe(405);
    expect(await wrongMethod.json()).toMatchObject({ statusCode: 405, name: "method_not_allowed" });
  });

  it("answers validation_error for a body that is not JSON", async () => {
    const res = await fetch(`${emulator.url}/emails`, {
      method: "POST",
      headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" },
      body: "{not json",
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ statusCode: 400, name: "validation_error" });
  });
});

describe("Resend emulator when stopped", () => {
  it("gives the SDK a network error: statusCode null", async () => {
    const gone = await startResendEmulator();
    const client = new Resend(API_KEY, { baseUrl: gone.url });
    await gone.stop();
    const { data, error } = await client.emails.send(plainEmail());
    expect(data).toBeNull();
    expect(error).toMatchObject({ statusCode: null, name: "application_error" });
  });

  it("accepts any re_ key when started without one", async () => {
    const open = await startResendEmulator();
    try {
      const client = new Resend("re_anything", { baseUrl: open.url });
      const { error } = await client.emails.send(plainEmail());
      expect(error).toBeNull();
      const bad = await new Resend("sk_not_resend", { baseUrl: open.url }).emails.send(plainEmail());
      expect(bad.error).toMatchObject({ statusCode: 403, name: "invalid_api_key" });
    } finally {
      await open.stop();
    }
  });
});
