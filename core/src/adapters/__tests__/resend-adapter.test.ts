import { inspect } from "node:util";
import { type ResendEmulator, startResendEmulator } from "@mw/emulators/resend";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MailDeliveryError, type Mailer, type OutgoingEmail } from "../../ports/mailer";
import { createResendMailer, isRetryableResendError } from "../resend";

const API_KEY = "re_adapter_test_key_4f1c";

const email: OutgoingEmail = {
  from: "Aurora Records <no-reply@mail.aurora.test>",
  to: "ada@example.com",
  subject: "Sign in to Aurora Records",
  html: "<p>Sign in</p>",
  text: "Sign in",
  tags: [{ name: "template", value: "magic_link" }],
};

let emulator: ResendEmulator;
let mailer: Mailer;

beforeAll(async () => {
  emulator = await startResendEmulator({ apiKey: API_KEY });
  mailer = createResendMailer({ apiKey: API_KEY, baseUrl: `${emulator.url}/` });
});
afterAll(async () => {
  await emulator.stop();
});
beforeEach(() => {
  emulator.clear();
});

async function sendError(m: Mailer, key = "k", message: OutgoingEmail = email): Promise<MailDeliveryError> {
  const err = await m.send(message, { idempotencyKey: key }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MailDeliveryError);
  return err as MailDeliveryError;
}

describe("createResendMailer against the Resend emulator", () => {
  it("sends through the SDK and returns the vendor's id", async () => {
    const { id } = await mailer.send(email, { idempotencyKey: "magic_link/req_1" });
    const [stored] = emulator.store.list();
    expect(stored?.id).toBe(id);
    expect(stored?.requestBody).toEqual({
      from: email.from,
      to: email.to,
      subject: email.subject,
      html: email.html,
      text: email.text,
      tags: email.tags,
    });
    expect(stored?.idempotencyKey).toBe("magic_link/req_1");
  });

  it("leaves tags out when there are none", async () => {
    await mailer.send({ ...email, tags: [] }, { idempotencyKey: "no-tags" });
    expect(emulator.store.list()[0]?.requestBody).not.toHaveProperty("tags");
  });

  it("makes a retried send a no-op at the vendor", async () => {
    const first = await mailer.send(email, { idempotencyKey: "magic_link/req_2" });
    const again = await mailer.send(email, { idempotencyKey: "magic_link/req_2" });
    expect(again).toEqual(first);
    expect(emulator.store.size).toBe(1);
  });

  it("refuses to send without an idempotency key", async () => {
    await expect(mailer.send(email, { idempotencyKey: "" })).rejects.toThrow(TypeError);
    expect(emulator.store.size).toBe(0);
  });

  it("maps an injected 500 to a retryable MailDeliveryError", async () => {
    emulator.failNext({ path: "/emails", status: 500 });
    const err = await sendError(mailer);
    expect(err.retryable).toBe(true);
    expect(err.statusCode).toBe(500);
    expect(err.message).toContain("application_error");
  });

  it("maps a 429 to retryable", async () => {
    emulator.failNext({ path: "/emails", status: 429 });
    const err = await sendError(mailer);
    expect(err).toMatchObject({ retryable: true, statusCode: 429 });
  });

  it("maps a validation error to not retryable, naming the field", async () => {
    const err = await sendError(mailer, "bad-from", { ...email, from: "Aurora Records" });
    expect(err).toMatchObject({ retryable: false, statusCode: 422 });
    expect(err.message).toContain("`from`");
  });

  it("maps a reused idempotency key with another body to not retryable", async () => {
    await mailer.send(email, { idempotencyKey: "reused" });
    const err = await sendError(mailer, "reused", { ...email, subject: "Something else" });
    expect(err).toMatchObject({ retryable: false, statusCode: 409 });
  });

  it("maps a wrong key to not retryable and never reveals a key", async () => {
    const wrongKey = "re_wrong_key_9d2e";
    const wrong = createResendMailer({ apiKey: wrongKey, baseUrl: emulator.url });
    const err = await sendError(wrong);
    expect(err).toMatchObject({ retryable: false, statusCode: 403 });
    expect(`${err.message} ${err.stack}`).not.toContain(wrongKey);
    expect(inspect(wrong, { depth: 10, showHidden: true })).not.toContain(wrongKey);
    expect(JSON.stringify(wrong)).not.toContain(wrongKey);
  });

  it("maps an unreachable server (statusCode null) to retryable", async () => {
    const gone = await startResendEmulator();
    const offline = createResendMailer({ apiKey: API_KEY, baseUrl: gone.url });
    await gone.stop();
    const err = await sendError(offline);
    expect(err).toMatchObject({ retryable: true, statusCode: null });
  });

  it("rejects bad options without echoing the key", () => {
    expect(() => createResendMailer({ apiKey: "" })).toThrow(/apiKey/);
    let message = "";
    try {
      createResendMailer({ apiKey: API_KEY, baseUrl: "ftp://mail.example" });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/baseUrl/);
    expect(message).not.toContain(API_KEY);
  });
});

describe("isRetryableResendError", () => {
  it.each([
    [{ statusCode: null, name: "application_error" }, true],
    [{ statusCode: null, name: "invalid_parameter" }, false],
    [{ statusCode: 500, name: "application_error" }, true],
    [{ statusCode: 503, name: "internal_server_error" }, true],
    [{ statusCode: 429, name: "rate_limit_exceeded" }, true],
    [{ statusCode: 429, name: "daily_quota_exceeded" }, true],
    [{ statusCode: 429, name: "monthly_quota_exceeded" }, false],
    [{ statusCode: 409, name: "concurrent_idempotent_requests" }, true],
    [{ statusCode: 409, name: "invalid_idempotent_request" }, false],
    [{ statusCode: 422, name: "validation_error" }, false],
    [{ statusCode: 401, name: "missing_api_key" }, false],
    [{ statusCode: 403, name: "invalid_api_key" }, false],
  ] as const)("%o → %s", (error, expected) => {
    expect(isRetryableResendError(error)).toBe(expected);
  });
});
