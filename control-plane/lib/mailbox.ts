/**
 * The staff console's Mailbox reads what the local Resend emulator accepted. It exists only while
 * mail goes to that emulator: with a real provider the page is a 404, never a window onto
 * anything else. The emulator is recognised by what `npm start` hands the apps when no Resend key
 * is set — a loopback base URL and the emulator's placeholder key — so a real key, or a base URL
 * elsewhere, turns the page off.
 */
export const EMULATOR_RESEND_KEY = "re_local_emulator_key";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

export function localMailboxUrl(env: { RESEND_BASE_URL?: string | undefined; RESEND_API_KEY: string }): string | null {
  if (!env.RESEND_BASE_URL || env.RESEND_API_KEY !== EMULATOR_RESEND_KEY) return null;
  let url: URL;
  try {
    url = new URL(env.RESEND_BASE_URL);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" || !LOOPBACK.has(url.hostname)) return null;
  return url.origin;
}
