import type { IncomingMessage } from "node:http";
import { readBody } from "../../shared/http";
import { cardByNumber, type TestCard } from "../cards";

/** A browser form post (`application/x-www-form-urlencoded`), flat. */
export async function readForm(req: IncomingMessage): Promise<Record<string, string>> {
  const raw = await readBody(req, 64 * 1024);
  return Object.fromEntries(new URLSearchParams(raw));
}

export type CardInput = { card: TestCard; expMonth: number; expYear: number; name: string | null } | { error: string };

/** Validates the card fields as Stripe's card element would, in its words. */
export function readCard(form: Record<string, string>, now: Date): CardInput {
  const number = (form.card_number ?? "").replace(/[\s-]/g, "");
  if (!/^\d{12,19}$/.test(number)) return { error: "Your card number is incomplete." };
  const card = cardByNumber(number);
  if (!card) return { error: "Your card number is invalid. Use one of Stripe's test cards, e.g. 4242 4242 4242 4242." };
  const expiry = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(form.expiry ?? "");
  if (!expiry) return { error: "Your card's expiration date is incomplete." };
  const expMonth = Number(expiry[1]);
  const rawYear = Number(expiry[2]);
  const expYear = rawYear < 100 ? 2000 + rawYear : rawYear;
  if (expMonth < 1 || expMonth > 12) return { error: "Your card's expiration month is invalid." };
  const lastMonth = expYear * 12 + expMonth;
  if (lastMonth < now.getUTCFullYear() * 12 + now.getUTCMonth() + 1) {
    return { error: "Your card's expiration year is in the past." };
  }
  if (!/^\d{3,4}$/.test((form.cvc ?? "").trim())) return { error: "Your card's security code is incomplete." };
  return { card, expMonth, expYear, name: form.name?.trim() || null };
}

export const DECLINE_MESSAGES: Record<string, string> = {
  declined: "Your card was declined.",
  insufficient_funds: "Your card has insufficient funds.",
  authentication_failed:
    "We are unable to authenticate your payment method. Please choose a different payment method and try again.",
};
