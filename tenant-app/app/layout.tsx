import { fontVariables } from "@mw/ui/fonts";
import { RedirectToast, Toaster } from "@mw/ui/toast";
import { type ReactNode, Suspense } from "react";
import { DONE_TOASTS } from "../lib/notices";
import "./globals.css";

// No platform branding here: every visible brand element comes from the tenant's layout.
// fontVariables defines the self-hosted faces the theme's font stacks name first.
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" className={fontVariables}>
      <body className="flex min-h-dvh flex-col bg-background font-sans text-foreground antialiased">
        {children}
        <Toaster />
        {/* Client-side, so the cached home page stays static whatever its query string. */}
        <Suspense fallback={null}>
          <RedirectToast messages={DONE_TOASTS} />
        </Suspense>
      </body>
    </html>
  );
}
