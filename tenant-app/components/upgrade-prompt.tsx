import { LocalNumber } from "@mw/core/ui/local-number";
import { buttonVariants } from "@mw/ui/button";
import { Card, CardContent, CardHeader } from "@mw/ui/card";
import { Sparkles } from "lucide-react";

export interface UpgradeOffer {
  /** Each way to unlock the feature; a `null` price is custom (through sales). */
  options: { name: string; monthlyPriceCents: number | null }[];
  billingUrl: string;
}

/** The price in the viewer's locale (formatted in the browser: this page may be the cached one). */
function Cost({ cents }: { cents: number | null }) {
  if (cents === null) return <>custom pricing</>;
  return (
    <>
      <LocalNumber value={cents} money="USD" />
      /month
    </>
  );
}

/** What a member sees where a plan gate stops them: admins get the way out, others a plain note. */
export function UpgradePrompt({
  title,
  message,
  adminMessage,
  isAdmin,
  offer = null,
  payUrl = null,
}: {
  title: string;
  message: string;
  adminMessage: string;
  isAdmin: boolean;
  offer?: UpgradeOffer | null;
  /** Set when an unpaid invoice is what stands in the way: where billing admins pay it. */
  payUrl?: string | null;
}) {
  return (
    <Card className="mx-auto max-w-xl" data-testid="upgrade-prompt">
      <CardHeader className="block">
        <Sparkles aria-hidden className="mb-2 size-6 text-primary" />
        <h1 className="font-heading font-semibold text-2xl tracking-tight">{title}</h1>
      </CardHeader>
      <CardContent className="grid gap-4">
        <p>{isAdmin ? adminMessage : message}</p>
        {offer ? (
          <>
            <ul className="grid gap-1 text-sm" data-testid="upgrade-offer">
              {offer.options.map((o) => (
                <li key={o.name} className="flex flex-wrap justify-between gap-2 rounded-md bg-muted px-3 py-2">
                  <span className="font-medium">{o.name}</span>
                  <span>
                    <Cost cents={o.monthlyPriceCents} />
                  </span>
                </li>
              ))}
            </ul>
            <div>
              <a className={buttonVariants()} href={offer.billingUrl} data-testid="upgrade-link">
                Upgrade
              </a>
            </div>
          </>
        ) : null}
        {payUrl ? (
          <div>
            <a className={buttonVariants()} href={payUrl} data-testid="pay-link">
              Pay now
            </a>
          </div>
        ) : null}
        {isAdmin ? null : (
          <p className="text-muted-foreground text-sm">Ask an administrator of this organization if you need it.</p>
        )}
      </CardContent>
    </Card>
  );
}
