import Link from "next/link";
import { connection } from "next/server";

/**
 * Rendered per request like every other page: Next's built-in 404 is prerendered (no nonce on its
 * scripts) and brings inline `<style>` elements, both refused by the CSP (ADR 0011).
 */
export default async function NotFound() {
  await connection();
  return (
    <main className="cp-main">
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. <Link href="/">Go to the start page</Link>.
      </p>
    </main>
  );
}
