import Link from "next/link";

export default function Home() {
  return (
    <main className="cp-main" style={{ maxWidth: 760 }}>
      <h1>MusicalWheel</h1>
      <p className="cp-muted">The control plane for MusicalWheel&apos;s branded music platforms.</p>
      <div className="cp-card">
        <h2>Organization administrators</h2>
        <p>Configure your branded instance: theme, domains, members, roles and the audit log.</p>
        <Link className="cp-button" href="/console">
          Open the admin console
        </Link>
      </div>
      <div className="cp-card">
        <h2>MusicalWheel staff</h2>
        <p>Onboard customers, watch provisioning, suspend and offboard tenants.</p>
        <Link className="cp-button ghost" href="/staff">
          Staff console
        </Link>
      </div>
    </main>
  );
}
