import { buttonVariants } from "@mw/ui/button";
import { SearchX } from "lucide-react";
import Link from "next/link";
import { connection } from "next/server";
import { StatusPage } from "../components/status-page";

/**
 * Rendered per request like every other page: Next's built-in 404 is prerendered (no nonce on its
 * scripts) and brings inline `<style>` elements, both refused by the CSP (ADR 0011).
 */
export default async function NotFound() {
  await connection();
  return (
    <StatusPage
      icon={<SearchX aria-hidden />}
      title="Page not found"
      text="There is nothing at this address. It may have moved, or the link may be mistyped."
    >
      <Link className={buttonVariants()} href="/">
        Go to the start page
      </Link>
    </StatusPage>
  );
}
