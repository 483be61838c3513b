"use client";

import type { ThemeTokens } from "@mw/themes";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@mw/ui/tabs";
import { useEffect, useState, useTransition } from "react";
import { type EmailPreview as Preview, previewEmailAction } from "../../../app/console/(admin)/theme/actions";

type Kind = "invitation" | "magic_link";

/**
 * The e-mails rendered on the server by the real templates, shown in a sandboxed iframe (no
 * scripts, no same-origin access). Re-rendered shortly after the admin stops editing; server
 * actions run one at a time per client, so rendering on every keystroke would only queue up.
 */
export function EmailPreview({ tokens }: { tokens: ThemeTokens | null }) {
  const [kind, setKind] = useState<Kind>("invitation");
  const [preview, setPreview] = useState<Preview | null>(null);
  const [pending, startTransition] = useTransition();

  useEffect(() => {
    if (!tokens) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      startTransition(async () => {
        const result = await previewEmailAction(kind, tokens);
        if (!cancelled) setPreview(result);
      });
    }, 500);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [kind, tokens]);

  const body = (
    <>
      {!tokens ? (
        <p className="text-muted-foreground text-sm">Fix the highlighted fields to see the e-mail.</p>
      ) : preview?.ok === false ? (
        <p className="text-muted-foreground text-sm">{preview.message}</p>
      ) : preview ? (
        <>
          <div className="break-words text-sm">
            <span className="text-muted-foreground">Subject:</span> {preview.subject}
          </div>
          <iframe
            title={`${kind === "invitation" ? "Invitation" : "Sign-in link"} e-mail preview`}
            className="h-[28rem] w-full rounded-md border border-border/35 bg-white"
            sandbox=""
            srcDoc={preview.html}
            data-testid="email-preview"
          />
        </>
      ) : (
        <p className="text-muted-foreground text-sm">Rendering the e-mail…</p>
      )}
    </>
  );
  return (
    <Tabs value={kind} onValueChange={(v) => setKind(v === "magic_link" ? "magic_link" : "invitation")}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <TabsList aria-label="E-mail">
          <TabsTrigger value="invitation">Invitation</TabsTrigger>
          <TabsTrigger value="magic_link">Sign-in link</TabsTrigger>
        </TabsList>
        <span className="text-muted-foreground text-xs" aria-live="polite">
          {pending ? "Rendering…" : null}
        </span>
      </div>
      {(["invitation", "magic_link"] as const).map((k) => (
        // Both panels exist (each tab controls one); only the selected one renders the e-mail.
        <TabsContent key={k} value={k} forceMount className="mt-3 grid gap-2 data-[state=inactive]:hidden">
          {k === kind ? body : null}
        </TabsContent>
      ))}
    </Tabs>
  );
}
