"use client";

import { useState } from "react";

/** Copies a DNS value; DNS records are long and one wrong character breaks verification. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <button
      type="button"
      className="ac-button ghost small"
      aria-label={`Copy ${label}`}
      onClick={async () => {
        try {
          // Clipboard access needs a secure context (https or localhost); say so when it fails.
          await navigator.clipboard.writeText(value);
          setState("copied");
        } catch {
          setState("failed");
        }
        setTimeout(() => setState("idle"), 2000);
      }}
    >
      {state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : "Copy"}
    </button>
  );
}
