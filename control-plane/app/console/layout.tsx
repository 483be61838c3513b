import type { Metadata } from "next";
import type { ReactNode } from "react";

export const metadata: Metadata = {
  title: { default: "Admin console · MusicalWheel", template: "%s · Admin console" },
};

/** Every console page reads the session cookie, so nothing here is prerendered. */
export const dynamic = "force-dynamic";

export default function ConsoleRootLayout({ children }: { children: ReactNode }) {
  return children;
}
