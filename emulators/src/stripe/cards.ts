/**
 * Stripe's test cards the emulator knows, by number and by test token (`pm_card_visa`). What a
 * charge does depends on the card: succeed, decline (generic or insufficient funds), ask for 3-D
 * Secure, or attach fine and then fail every charge (the card behind a failed renewal).
 */
export type CardBehaviour =
  | "succeeds"
  | "declined"
  | "insufficient_funds"
  /** 3-D Secure on a customer-present payment; off-session charges after setup succeed. */
  | "requires_3ds"
  /** Attaching works; every charge is declined (`4000000000000341`). */
  | "charge_fails";

export interface TestCard {
  number: string;
  brand: "visa" | "mastercard";
  behaviour: CardBehaviour;
  token: string;
}

export const TEST_CARDS: readonly TestCard[] = [
  { number: "4242424242424242", brand: "visa", behaviour: "succeeds", token: "pm_card_visa" },
  { number: "5555555555554444", brand: "mastercard", behaviour: "succeeds", token: "pm_card_mastercard" },
  { number: "4000000000000002", brand: "visa", behaviour: "declined", token: "pm_card_chargeDeclined" },
  {
    number: "4000000000009995",
    brand: "visa",
    behaviour: "insufficient_funds",
    token: "pm_card_chargeDeclinedInsufficientFunds",
  },
  {
    number: "4000002500003155",
    brand: "visa",
    behaviour: "requires_3ds",
    token: "pm_card_authenticationRequiredSetupForOffSession",
  },
  { number: "4000000000000341", brand: "visa", behaviour: "charge_fails", token: "pm_card_chargeCustomerFail" },
];

export function cardByNumber(number: string): TestCard | undefined {
  const digits = number.replace(/[\s-]/g, "");
  return TEST_CARDS.find((c) => c.number === digits);
}

export function cardByToken(token: string): TestCard | undefined {
  return TEST_CARDS.find((c) => c.token === token);
}

export type ChargeOutcome =
  | { ok: true }
  | { ok: false; code: "card_declined"; declineCode: string; message: string }
  | { ok: false; code: "authentication_required"; declineCode: "authentication_required"; message: string };

/** What charging this card does; `offSession` charges (renewals) skip 3-D Secure after setup. */
export function chargeOutcome(behaviour: CardBehaviour, { offSession }: { offSession: boolean }): ChargeOutcome {
  switch (behaviour) {
    case "succeeds":
      return { ok: true };
    case "requires_3ds":
      return offSession
        ? { ok: true }
        : {
            ok: false,
            code: "authentication_required",
            declineCode: "authentication_required",
            message: "Your card was declined. This transaction requires authentication.",
          };
    case "insufficient_funds":
      return {
        ok: false,
        code: "card_declined",
        declineCode: "insufficient_funds",
        message: "Your card has insufficient funds.",
      };
    case "declined":
    case "charge_fails":
      return { ok: false, code: "card_declined", declineCode: "generic_decline", message: "Your card was declined." };
  }
}
