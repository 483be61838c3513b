import { getAppDatabase, schema } from "@mw/core/db";
import { asc } from "drizzle-orm";

export const dynamic = "force-dynamic";

export default async function Home() {
  const { db } = getAppDatabase("mw_control");
  const rows = await db.select().from(schema.tenants).orderBy(asc(schema.tenants.slug));
  return (
    <main style={{ maxWidth: 880, margin: "48px auto", padding: "0 24px" }}>
      <h1 style={{ fontSize: 28 }}>MusicalWheel control plane</h1>
      <p>Tenants on this platform:</p>
      <table style={{ width: "100%", borderCollapse: "collapse", background: "#fff" }}>
        <thead>
          <tr>
            <th style={{ textAlign: "left", padding: 8 }}>Tenant</th>
            <th style={{ textAlign: "left", padding: 8 }}>Slug</th>
            <th style={{ textAlign: "left", padding: 8 }}>Status</th>
            <th style={{ textAlign: "left", padding: 8 }}>Plan</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((t) => (
            <tr key={t.id} style={{ borderTop: "1px solid #e5e5e5" }}>
              <td style={{ padding: 8 }}>{t.name}</td>
              <td style={{ padding: 8 }}>{t.slug}</td>
              <td style={{ padding: 8 }}>{t.status}</td>
              <td style={{ padding: 8 }}>{t.plan}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
