"use client";

import type { ComponentProps } from "react";
import { cn } from "../cn";
import { useFieldControl } from "./field";

export const controlClass =
  "w-full min-w-0 rounded-md border border-border/70 bg-surface px-3 py-2 font-normal text-sm text-surface-foreground shadow-xs outline-none transition-colors placeholder:text-muted-foreground focus-visible:border-primary focus-visible:ring-2 focus-visible:ring-primary/30 disabled:cursor-not-allowed disabled:opacity-60 aria-invalid:border-danger aria-invalid:ring-danger/25";

export function Input({ className, ...props }: ComponentProps<"input">) {
  const field = useFieldControl(props);
  return <input data-slot="input" className={cn(controlClass, "h-9", className)} {...props} {...field} />;
}

export function Textarea({ className, ...props }: ComponentProps<"textarea">) {
  const field = useFieldControl(props);
  return <textarea data-slot="textarea" className={cn(controlClass, "min-h-24", className)} {...props} {...field} />;
}

/** A native select: right for forms (works before hydration, the phone's own picker). */
export function Select({ className, ...props }: ComponentProps<"select">) {
  const field = useFieldControl(props);
  return (
    <select
      data-slot="select"
      className={cn(controlClass, "h-9 cursor-pointer appearance-auto pr-8", className)}
      {...props}
      {...field}
    />
  );
}

export function Checkbox({ className, ...props }: Omit<ComponentProps<"input">, "type">) {
  const field = useFieldControl(props);
  return (
    <input
      type="checkbox"
      data-slot="checkbox"
      className={cn("size-6 cursor-pointer rounded accent-(--mw-color-primary) sm:size-4", className)}
      {...props}
      {...field}
    />
  );
}
