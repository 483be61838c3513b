// npm run db:migrate — migrate DATABASE_URL, or the embedded Postgres under .data/ when unset.

import { assertNoDevDefaults } from "@mw/core/config";
import { openOwnerDatabase } from "@mw/core/db";
import { env, rolePassword } from "@mw/core/env";
import { runMigrations } from "./migrate";

// The migrations set the app roles' password: never the public development one in production.
assertNoDevDefaults(env.NODE_ENV, { DB_ROLE_PASSWORD: env.DB_ROLE_PASSWORD });
const started = Date.now();
const owner = await openOwnerDatabase({ log: (l) => console.log(`[postgres] ${l}`) });
try {
  await runMigrations(owner.url, { rolePassword: rolePassword() });
  console.log(`migrations applied to ${owner.label} in ${Date.now() - started} ms`);
} finally {
  await owner.stop();
}
