import { NextResponse } from "next/server";

/**
 * The answer for a host that is no tenant's: plain (no tenant brand to show, no platform brand to
 * leak), in English and tagged so, readable on a phone. Inline style attributes only — the CSP
 * allows those (style-src-attr) and this response has no nonce'd stylesheet.
 */
const BODY = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Not found</title>
</head>
<body style="margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;background:#f7f7f8;color:#18181b;font-family:ui-sans-serif,system-ui,-apple-system,'Segoe UI',sans-serif;line-height:1.5">
<main style="max-width:28rem;margin:1.5rem;padding:2rem;background:#fff;border:1px solid #e4e4e7;border-radius:12px">
<p style="margin:0 0 .25rem;color:#52525b;font-size:.875rem;font-weight:600;letter-spacing:.04em">404</p>
<h1 style="margin:0 0 .75rem;font-size:1.5rem;line-height:1.25">Not found</h1>
<p style="margin:0;color:#3f3f46">There is no site at this address. Check the spelling of the address, or ask whoever sent you the link for the right one.</p>
</main>
</body>
</html>`;

export function unknownHostResponse(): NextResponse {
  return new NextResponse(BODY, {
    status: 404,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
  });
}
