import { NONCE_HEADER } from "@mw/core/security-headers";
import { fontVariables } from "@mw/ui/fonts";
import { MODE_COOKIE, parseMode } from "@mw/ui/mode";
import { StyleNonce } from "@mw/ui/style-nonce";
import { RedirectToast, Toaster } from "@mw/ui/toast";
import type { Metadata, Viewport } from "next";
import { cookies, headers } from "next/headers";
import { connection } from "next/server";
import { type ReactNode, Suspense } from "react";
import { DONE_TOASTS } from "../lib/notices";
import "./globals.css";

export const metadata: Metadata = { title: { default: "MusicalWheel", template: "%s · MusicalWheel" } };
export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: its scripts carry that request's CSP nonce (proxy.ts); a
  // page prerendered at build time would carry none and be blocked.
  await connection();
  const mode = parseMode((await cookies()).get(MODE_COOKIE)?.value);
  const nonce = (await headers()).get(NONCE_HEADER) ?? undefined;
  return (
    <html lang="en" className={fontVariables} {...(mode === "system" ? {} : { "data-theme": mode })}>
      <body>
        <StyleNonce nonce={nonce} />
        {children}
        <Toaster />
        <Suspense fallback={null}>
          <RedirectToast messages={DONE_TOASTS} />
        </Suspense>
      </body>
    </html>
  );
}
