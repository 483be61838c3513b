"use client";

import { Button, buttonVariants } from "@mw/ui/button";
import { NoticePage } from "../../../components/notice";

/** A failure inside the tenant's brand: try again, or go home. The digest lets support find the log. */
export default function TenantError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <NoticePage
      title="Something went wrong"
      action={
        <div className="flex flex-wrap gap-2">
          <Button onClick={reset}>Try again</Button>
          {/* A plain link: a full load, in case the client state is what failed. */}
          <a className={buttonVariants({ variant: "secondary" })} href="/">
            Go to the home page
          </a>
        </div>
      }
    >
      This page could not be shown just now.
      {error.digest ? <span className="mt-2 block text-xs">Reference: {error.digest}</span> : null}
    </NoticePage>
  );
}
