import type { IncomingMessage, ServerResponse } from "node:http";
import type { EventBus } from "../events";
import type { StripeStore } from "../store";
import type { WebhookDispatcher } from "../webhooks";
import { handleCheckoutPage } from "./checkout-page";
import { escapeHtml, page, sendHtml } from "./html";
import { handleInvoicePage } from "./invoice-page";
import { handlePortalPage } from "./portal-page";

export interface PageContext {
  store: StripeStore;
  events: EventBus;
  webhooks: WebhookDispatcher;
  baseUrl: string;
}

/** Answers the request and returns true when the path is one of its pages. */
export type PageHandler = (req: IncomingMessage, res: ServerResponse, url: URL, ctx: PageContext) => Promise<boolean>;

const pageHandlers: PageHandler[] = [handleCheckoutPage, handleInvoicePage, handlePortalPage];

/** The hosted pages Stripe serves to browsers (no API key: the session id in the URL is the secret). */
export async function handlePage(req: IncomingMessage, res: ServerResponse, url: URL, ctx: PageContext): Promise<void> {
  for (const handler of pageHandlers) {
    if (await handler(req, res, url, ctx)) return;
  }
  sendHtml(res, 404, page("Not found", `<h1>Not found</h1><p>There is no page at ${escapeHtml(url.pathname)}.</p>`));
}
