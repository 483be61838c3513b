import type { Metadata } from "next";
import type { ReactNode } from "react";

export const metadata: Metadata = { title: "MusicalWheel control plane" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body
        style={{ fontFamily: "ui-sans-serif, system-ui, sans-serif", margin: 0, background: "#f7f7f8", color: "#111" }}
      >
        {children}
      </body>
    </html>
  );
}
