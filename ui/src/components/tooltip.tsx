"use client";

import { Tooltip as T } from "radix-ui";
import type { ReactNode } from "react";

/**
 * A label shown on hover and on keyboard focus (not a `title`, which keyboards and touch never see).
 * The trigger must be focusable; for touch, keep the same information reachable elsewhere.
 */
export function Tooltip({
  content,
  children,
  side = "top",
}: {
  content: ReactNode;
  children: ReactNode;
  side?: "top" | "bottom" | "left" | "right";
}) {
  return (
    <T.Provider delayDuration={200}>
      <T.Root>
        <T.Trigger asChild>{children}</T.Trigger>
        <T.Portal>
          <T.Content
            side={side}
            sideOffset={6}
            className="z-50 max-w-xs rounded-md bg-foreground px-2.5 py-1.5 text-background text-xs shadow-md"
          >
            {content}
            <T.Arrow className="fill-foreground" />
          </T.Content>
        </T.Portal>
      </T.Root>
    </T.Provider>
  );
}
