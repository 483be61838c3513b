import type { ServerResponse } from "node:http";

export function sendHtml(
  res: ServerResponse,
  status: number,
  html: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "content-length": Buffer.byteLength(html),
    "cache-control": "no-store",
    ...headers,
  });
  res.end(html);
}

export function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { location, "cache-control": "no-store", "content-length": 0 });
  res.end();
}

export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
}

/** The emulator's page chrome: plain, readable at 390 px, clearly marked as a test-mode emulator. */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1a1f36;background:#f6f9fc}
main{max-width:480px;margin:0 auto;padding:24px 16px}
.badge{display:inline-block;background:#ffde92;color:#5a3b00;border-radius:4px;padding:2px 8px;font-size:12px;font-weight:600}
.card{background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.12);padding:20px;margin:16px 0}
h1{font-size:22px;margin:12px 0}h2{font-size:17px;margin:0 0 8px}
label{display:block;font-weight:600;font-size:14px;margin:12px 0 4px}
input,select{width:100%;font:inherit;padding:10px;border:1px solid #c4cdd5;border-radius:6px}
.row{display:flex;gap:12px;align-items:flex-end}.row>div{flex:1}
button{font:inherit;font-weight:600;border:0;border-radius:6px;padding:12px 16px;background:#533afd;color:#fff;width:100%;margin-top:16px;cursor:pointer}
button.secondary{background:#fff;color:#533afd;border:1px solid #533afd}
.error{background:#fde8e8;color:#8a1c1c;border-radius:6px;padding:10px;margin:12px 0}
table{width:100%;border-collapse:collapse}td{padding:6px 8px 6px 0;vertical-align:top}td:last-child{padding-right:0}td.amount{text-align:right;white-space:nowrap}
.muted{color:#4f566b;font-size:14px}a{color:#533afd}
</style></head>
<body><main><span class="badge">TEST MODE · Stripe emulator</span>${body}</main></body></html>`;
}
