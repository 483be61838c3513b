import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./console.css";
import "./console-forms.css";
import "./console-widgets.css";
import "./console-preview.css";

export const metadata: Metadata = {
  title: { default: "Admin console · MusicalWheel", template: "%s · Admin console" },
};

/** Every console page reads the session cookie, so nothing here is prerendered. */
export const dynamic = "force-dynamic";

export default function ConsoleRootLayout({ children }: { children: ReactNode }) {
  return <div className="ac">{children}</div>;
}
