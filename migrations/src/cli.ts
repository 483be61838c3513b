// npm run db:migrate — migrate DATABASE_URL, or the embedded Postgres under .data/ when unset.
import { openOwnerDatabase } from "@mw/core/db";
import { rolePassword } from "@mw/core/env";
import { runMigrations } from "./migrate";

const started = Date.now();
const owner = await openOwnerDatabase({ log: (l) => console.log(`[postgres] ${l}`) });
try {
  await runMigrations(owner.url, { rolePassword: rolePassword() });
  console.log(`migrations applied to ${owner.label} in ${Date.now() - started} ms`);
} finally {
  await owner.stop();
}
