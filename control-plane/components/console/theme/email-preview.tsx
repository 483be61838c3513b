"use client";

import type { ThemeTokens } from "@mw/themes";
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

  return (
    <div className="ac-email-preview">
      <div className="ac-spread">
        <div className="ac-segmented" role="tablist" aria-label="E-mail">
          <button type="button" role="tab" aria-selected={kind === "invitation"} onClick={() => setKind("invitation")}>
            Invitation
          </button>
          <button type="button" role="tab" aria-selected={kind === "magic_link"} onClick={() => setKind("magic_link")}>
            Sign-in link
          </button>
        </div>
        <span className="ac-muted ac-small" aria-live="polite">
          {pending ? "Rendering…" : null}
        </span>
      </div>
      {!tokens ? (
        <p className="ac-muted">Fix the highlighted fields to see the e-mail.</p>
      ) : preview?.ok === false ? (
        <p className="ac-muted">{preview.message}</p>
      ) : preview ? (
        <>
          <div className="ac-email-subject">
            <span className="ac-muted">Subject:</span> {preview.subject}
          </div>
          <iframe
            title={`${kind === "invitation" ? "Invitation" : "Sign-in link"} e-mail preview`}
            className="ac-email-frame"
            sandbox=""
            srcDoc={preview.html}
            data-testid="email-preview"
          />
        </>
      ) : (
        <p className="ac-muted">Rendering the e-mail…</p>
      )}
    </div>
  );
}
