import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/db";

/** Issue 8.5: the app roles' statements are bounded by the roles themselves (migration 0012). */
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const setting = async (database: TestDatabase["runtime"], name: string) =>
  ((await database.sql.unsafe(`select current_setting('${name}') as v`)) as unknown as { v: string }[])[0]?.v;

describe("role timeouts", () => {
  it("bounds every statement and idle transaction of the app roles, not the owner's", async () => {
    expect(await setting(db.runtime, "statement_timeout")).toBe("15s");
    expect(await setting(db.control, "statement_timeout")).toBe("1min");
    expect(await setting(db.runtime, "idle_in_transaction_session_timeout")).toBe("5min");
    expect(await setting(db.control, "idle_in_transaction_session_timeout")).toBe("5min");
    expect(await setting(db.owner, "statement_timeout")).toBe("0");
  });
});
