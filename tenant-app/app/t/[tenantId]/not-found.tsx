import Link from "next/link";

/** Inside the tenant's layout: a missing page or record still shows the tenant's brand. */
export default function TenantNotFound() {
  return (
    <section className="mw-card">
      <h1>Page not found</h1>
      <p className="mw-muted">
        There is nothing at this address. <Link href="/">Go to the home page</Link>.
      </p>
    </section>
  );
}
