import type { ReactNode } from "react";
import "./globals.css";

// No platform branding here: every visible brand element comes from the tenant's layout.
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
