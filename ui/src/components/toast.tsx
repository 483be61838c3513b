"use client";

import type { ActionResult } from "@mw/core/transport";
import { CircleAlert, CircleCheck, X } from "lucide-react";
import { usePathname, useSearchParams } from "next/navigation";
import { Toast as T } from "radix-ui";
import { useEffect, useRef, useSyncExternalStore } from "react";
import { cn } from "../cn";

export type ToastTone = "success" | "error" | "info";
interface ToastItem {
  id: number;
  title: string;
  description?: string;
  tone: ToastTone;
}

// One queue per browser tab; the Toaster in the root layout renders it.
let items: ToastItem[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => {
  for (const l of listeners) l();
};
const EMPTY: ToastItem[] = [];

/** Shows a toast (success: a mutation went through; error: it did not, with why). */
export function toast(title: string, opts: { description?: string; tone?: ToastTone } = {}): void {
  const item: ToastItem = { id: nextId++, title, tone: opts.tone ?? "success" };
  if (opts.description) item.description = opts.description;
  items = [...items.slice(-3), item];
  emit();
}

function dismiss(id: number) {
  items = items.filter((t) => t.id !== id);
  emit();
}

/**
 * After each new server-action result with a message, a toast: success in green, refusal in red.
 * `success` overrides the success text (forms whose result carries none).
 */
export function useActionToast(state: ActionResult, opts: { success?: string } = {}): void {
  const seen = useRef<ActionResult>(state);
  useEffect(() => {
    if (state === seen.current) return;
    seen.current = state;
    if (state.ok) {
      const text = state.message ?? opts.success;
      if (text) toast(text, { tone: "success" });
    } else if (state.message) {
      toast(state.message, { tone: "error" });
    }
  }, [state, opts.success]);
}

/** A toast for an outcome the server put in the URL (after a redirect), shown once. */
export function ToastOnLoad({ title, tone = "success", param }: { title: string; tone?: ToastTone; param?: string }) {
  const done = useRef(false);
  useEffect(() => {
    if (done.current) return;
    done.current = true;
    toast(title, { tone });
    if (param) {
      const url = new URL(window.location.href);
      url.searchParams.delete(param);
      window.history.replaceState(window.history.state, "", url);
    }
  }, [title, tone, param]);
  return null;
}

/**
 * The toast for a mutation that ended in a redirect: the action appends `?done=<code>` and this
 * shows `messages[code]` once, then drops the parameter from the address. The URL only picks a
 * message from the table, never supplies text. Reads the search params on the client, so a cached
 * static page stays static (wrap it in <Suspense>).
 */
export function RedirectToast({
  messages,
  param = "done",
}: {
  messages: Readonly<Record<string, string>>;
  param?: string;
}) {
  const code = useSearchParams().get(param);
  const pathname = usePathname();
  const title = code && Object.hasOwn(messages, code) ? messages[code] : undefined;
  // Keyed by path and code: the same outcome after another redirect is a new toast.
  return title ? <ToastOnLoad key={`${pathname}:${code}`} title={title} param={param} /> : null;
}

export function Toaster() {
  const list = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => items,
    () => EMPTY,
  );
  return (
    <T.Provider swipeDirection="right" duration={5000}>
      {list.map((t) => (
        <T.Root
          key={t.id}
          type={t.tone === "error" ? "foreground" : "background"}
          onOpenChange={(open) => {
            if (!open) dismiss(t.id);
          }}
          data-tone={t.tone}
          className={cn(
            "pointer-events-auto flex w-full items-start gap-3 rounded-lg border bg-surface p-4 text-surface-foreground shadow-lg",
            t.tone === "error" ? "border-danger/50" : "border-border/40",
          )}
        >
          {t.tone === "error" ? (
            <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-danger" />
          ) : (
            <CircleCheck aria-hidden className="mt-0.5 size-4 shrink-0 text-success" />
          )}
          <div className="min-w-0 flex-1">
            <T.Title className="font-medium text-sm">{t.title}</T.Title>
            {t.description ? (
              <T.Description className="mt-0.5 text-muted-foreground text-sm">{t.description}</T.Description>
            ) : null}
          </div>
          <T.Close aria-label="Dismiss" className="rounded-sm p-0.5 text-muted-foreground hover:text-foreground">
            <X aria-hidden className="size-4" />
          </T.Close>
        </T.Root>
      ))}
      <T.Viewport className="fixed right-0 bottom-0 z-[60] flex max-h-dvh w-full flex-col gap-2 p-4 outline-none sm:max-w-sm" />
    </T.Provider>
  );
}
