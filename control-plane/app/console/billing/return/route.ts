// GET /console/billing/return – where Stripe's hosted pages (Checkout, Billing Portal) send people back

/**
 * The console's session cookie is SameSite=Strict, so the browser leaves it off a navigation that
 * comes from another site — the redirect back from Stripe's checkout page — and the billing page
 * would ask the person to sign in again. This page is that landing: it holds nothing and needs no
 * session, and sends the browser on to the billing page from here (same site), where the cookie
 * goes along again. Only the known outcomes are passed on; nothing of the request is echoed.
 */
const OUTCOMES = new Set(["success", "canceled"]);

export function GET(request: Request): Response {
  const checkout = new URL(request.url).searchParams.get("checkout");
  const target = checkout && OUTCOMES.has(checkout) ? `/console/billing?checkout=${checkout}` : "/console/billing";
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="0;url=${target}"><title>Back to billing · Admin console</title></head>
<body><main><p>Taking you back to <a href="${target}">your billing page</a>…</p></main></body></html>`;
  return new Response(html, {
    status: 200,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "referrer-policy": "no-referrer",
    },
  });
}
