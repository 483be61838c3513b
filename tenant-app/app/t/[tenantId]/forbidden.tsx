import Link from "next/link";

/** HTTP 403 inside the tenant's brand: something the member's role does not allow (`forbidden()`). */
export default function Forbidden() {
  return (
    <section className="mw-card" data-testid="forbidden-page">
      <h1>You don&apos;t have permission to do that</h1>
      <p className="mw-muted">Your role in this organization does not allow it. Ask an administrator if you need it.</p>
      <Link className="mw-button secondary" href="/">
        Back to the start page
      </Link>
    </section>
  );
}
