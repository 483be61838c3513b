import Link from "next/link";
import { getTenantProfileOrThrow } from "../../../lib/tenant";

// Rendered once per tenant and cached; revalidated when the tenant's data changes.
export const dynamicParams = true;
export async function generateStaticParams(): Promise<{ tenantId: string }[]> {
  return [];
}

export default async function TenantHome({ params }: { params: Promise<{ tenantId: string }> }) {
  const t = await getTenantProfileOrThrow((await params).tenantId);
  return (
    <>
      <section className="mw-hero">
        <h1>Welcome to {t.name}</h1>
        <p>Discover our artists, catch the next show, and join the community.</p>
        <div className="mw-row">
          <Link className="mw-button" href="/artists">
            Browse artists
          </Link>
          <Link className="mw-button" href="/sign-up">
            Join {t.name}
          </Link>
        </div>
      </section>
      <div className="mw-grid">
        <div className="mw-card">
          <h3>Artists</h3>
          <p className="mw-muted">Profiles of the artists on {t.name}, with genres and links.</p>
          <Link href="/artists">Open the directory →</Link>
        </div>
        <div className="mw-card">
          <h3>Events</h3>
          <p className="mw-muted">Upcoming shows. RSVP to let the organizers know you are coming.</p>
          <Link href="/events">See what&apos;s on →</Link>
        </div>
        <div className="mw-card">
          <h3>Your account</h3>
          <p className="mw-muted">Sign in with your password or a one-time link by e-mail.</p>
          <Link href="/sign-in">Sign in →</Link>
        </div>
      </div>
    </>
  );
}
