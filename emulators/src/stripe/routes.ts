import type { Route } from "./context";
import { billingPortalRoutes } from "./resources/billing-portal";
import { checkoutRoutes } from "./resources/checkout";
import { couponRoutes } from "./resources/coupons";
import { creditNoteRoutes } from "./resources/credit-notes";
import { customerRoutes } from "./resources/customers";
import { eventRoutes } from "./resources/events";
import { invoiceRoutes } from "./resources/invoices";
import { meterRoutes } from "./resources/meters";
import { paymentMethodRoutes } from "./resources/payment-methods";
import { priceRoutes } from "./resources/prices";
import { productRoutes } from "./resources/products";
import { subscriptionRoutes } from "./resources/subscriptions";
import { testClockRoutes } from "./resources/test-clocks";

/** Every Stripe API route the emulator serves. */
export const apiRoutes: Route[] = [
  ...productRoutes,
  ...priceRoutes,
  ...customerRoutes,
  ...paymentMethodRoutes,
  ...eventRoutes,
  ...meterRoutes,
  ...subscriptionRoutes,
  ...invoiceRoutes,
  ...testClockRoutes,
  ...checkoutRoutes,
  ...couponRoutes,
  ...creditNoteRoutes,
  ...billingPortalRoutes,
];
