"use client";

import { X } from "lucide-react";
import { Dialog as D } from "radix-ui";
import type { ComponentProps, ReactNode } from "react";
import { cn } from "../cn";
import { overlayClass } from "./dialog";

export const Sheet = D.Root;
export const SheetTrigger = D.Trigger;
export const SheetClose = D.Close;

/** A panel from the left edge: the consoles' navigation on a phone. */
export function SheetContent({
  className,
  children,
  title,
  ...props
}: ComponentProps<typeof D.Content> & { title: ReactNode }) {
  return (
    <D.Portal>
      <D.Overlay className={overlayClass} />
      <D.Content
        aria-describedby={undefined}
        className={cn(
          "fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col gap-4 overflow-y-auto border-border/40 border-r bg-surface p-4 text-surface-foreground shadow-xl",
          className,
        )}
        {...props}
      >
        <D.Title className="sr-only">{title}</D.Title>
        {children}
        <D.Close
          className="absolute top-3 right-3 rounded-sm p-1.5 text-muted-foreground hover:bg-muted hover:text-foreground"
          aria-label="Close menu"
        >
          <X className="size-4" aria-hidden />
        </D.Close>
      </D.Content>
    </D.Portal>
  );
}
