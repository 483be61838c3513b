"use client";

import type { ChangePreview } from "@mw/core/billing/portal";
import type { ActionResult } from "@mw/core/transport";
import { LocalTime } from "@mw/core/ui/local-time";
import { formatMoney } from "@mw/core/ui/money";
import { Alert } from "@mw/ui/alert";
import { Button, type ButtonProps } from "@mw/ui/button";
import { Dialog, DialogContent, DialogFooter, DialogTrigger } from "@mw/ui/dialog";
import { Skeleton } from "@mw/ui/skeleton";
import { SubmitButton } from "@mw/ui/submit-button";
import { useActionToast } from "@mw/ui/toast";
import { useActionState, useEffect, useState, useTransition } from "react";
import { changeSubscriptionAction, type PreviewResult, previewChangeAction } from "../actions";

export interface Target {
  plan: "pro" | "business";
  interval: "month" | "year";
  addons: string[];
}

/**
 * A subscription change behind its price: opening the dialog asks Stripe for the proration preview
 * (nothing changes yet), the dialog shows what the change costs now and the next invoice's lines,
 * and only "Confirm" makes the change — at the proration time that was shown.
 */
export function ChangeDialog({
  target,
  label,
  title,
  description,
  confirmLabel,
  variant = "outline",
  warning,
}: {
  target: Target;
  label: string;
  title: string;
  description: string;
  confirmLabel: string;
  variant?: ButtonProps["variant"];
  /** Said before confirming a step down (features that go away). */
  warning?: string;
}) {
  const [open, setOpen] = useState(false);
  const [preview, setPreview] = useState<PreviewResult | null>(null);
  const [loading, startLoading] = useTransition();
  const [state, formAction] = useActionState(changeSubscriptionAction, { ok: true } as ActionResult);
  const [submitted, setSubmitted] = useState<ActionResult | null>(null);
  useActionToast(state);
  useEffect(() => {
    if (submitted !== null && state !== submitted && state.ok) setOpen(false);
  }, [state, submitted]);
  const refused = submitted !== null && state !== submitted && !state.ok ? state : null;

  const load = () => {
    setPreview(null);
    startLoading(async () => setPreview(await previewChangeAction(target)));
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) {
          setSubmitted(null);
          load();
        }
      }}
    >
      <DialogTrigger asChild>
        <Button variant={variant} size="sm">
          {label}
        </Button>
      </DialogTrigger>
      <DialogContent title={title} description={description}>
        {warning ? <Alert tone="warning">{warning}</Alert> : null}
        {loading || preview === null ? (
          <div className="grid gap-2" role="status" aria-busy="true">
            <span className="sr-only">Loading the price preview…</span>
            <Skeleton className="h-5 w-2/3" />
            <Skeleton className="h-5 w-1/2" />
            <Skeleton className="h-16 w-full" />
          </div>
        ) : preview.ok ? (
          <PreviewBody preview={preview.preview} />
        ) : (
          <Alert tone="danger" title="No price preview">
            {preview.message}
          </Alert>
        )}
        <form action={formAction} onSubmit={() => setSubmitted(state)} className="grid gap-3">
          <input type="hidden" name="plan" value={target.plan} />
          <input type="hidden" name="interval" value={target.interval} />
          {target.addons.map((a) => (
            <input key={a} type="hidden" name="addons" value={a} />
          ))}
          {preview?.ok ? <input type="hidden" name="prorationDate" value={preview.preview.prorationDate} /> : null}
          {refused?.message ? <Alert tone="danger">{refused.message}</Alert> : null}
          <DialogFooter>
            <Button variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            {preview !== null && !preview.ok ? (
              <Button variant="outline" onClick={load}>
                Try again
              </Button>
            ) : null}
            <SubmitButton
              variant={variant === "danger-outline" ? "danger" : "primary"}
              disabled={!preview?.ok}
              pendingLabel="Changing…"
            >
              {confirmLabel}
            </SubmitButton>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function PreviewBody({ preview }: { preview: ChangePreview }) {
  const money = (cents: number, signed = false) =>
    formatMoney(cents, preview.currency, signed ? { signDisplay: "exceptZero" } : {});
  return (
    <div className="grid gap-3 text-sm" data-testid="change-preview">
      <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1.5">
        <dt className="text-muted-foreground">
          {preview.prorationCents < 0 ? "Credit for the rest of this period" : "Due for the rest of this period"}
        </dt>
        <dd className="text-right font-semibold tabular-nums" data-testid="preview-proration">
          {money(preview.prorationCents, true)}
        </dd>
        <dt className="text-muted-foreground">
          Next invoice
          {preview.dueAt ? (
            <>
              {" "}
              on <LocalTime date={preview.dueAt} style="date" />
            </>
          ) : null}
        </dt>
        <dd className="text-right font-semibold tabular-nums" data-testid="preview-amount-due">
          {money(preview.amountDueCents)}
        </dd>
      </dl>
      {preview.trialing ? (
        <p className="text-muted-foreground">You are in your free trial: nothing is charged until it ends.</p>
      ) : (
        <p className="text-muted-foreground">
          Prorated amounts are added to the next invoice, charged to your card on file.
        </p>
      )}
      <ul className="grid gap-1 rounded-md border border-border/40 p-3" aria-label="Invoice lines">
        {preview.lines.map((line) => (
          <li key={line.id} className="flex items-start justify-between gap-3">
            <span className="min-w-0 break-words">{line.description}</span>
            <span className="shrink-0 tabular-nums">{money(line.amountCents)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
