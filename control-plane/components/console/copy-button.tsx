"use client";

import { Button } from "@mw/ui/button";
import { Check, Copy } from "lucide-react";
import { useState } from "react";

/** Copies a DNS value; DNS records are long and one wrong character breaks verification. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <Button
      type="button"
      variant="ghost"
      size="sm"
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
      {state === "copied" ? <Check aria-hidden /> : <Copy aria-hidden />}
      <span className={state === "idle" ? "sr-only" : ""}>
        {state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : "Copy"}
      </span>
    </Button>
  );
}
