// npm run bench [-- name …] — prints one JSON line per figure (DESIGN.md); progress goes to stderr.
import { benchAudit } from "./audit";
import { openBenchDb } from "./harness";
import { benchHostLookup } from "./host-lookup";
import { benchWithTenant } from "./with-tenant";

const ALL = { "with-tenant": benchWithTenant, audit: benchAudit, "host-lookup": benchHostLookup } as const;
type Name = keyof typeof ALL;

const asked = process.argv.slice(2).filter((a) => a in ALL) as Name[];
const selected: Name[] = asked.length > 0 ? asked : (Object.keys(ALL) as Name[]);

for (const name of selected) {
  const db = await openBenchDb();
  try {
    console.error(`[bench] ${name}…`);
    await ALL[name](db);
  } finally {
    await db.close();
  }
}
