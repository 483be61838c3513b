import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UnauthenticatedError } from "../../errors";
import { createTestDatabase, type TestDatabase } from "../../testing/db";
import { getStaffSession, signInStaff, signOutStaff, upsertStaffUser } from "../auth";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

describe("staff sign-in", () => {
  it("signs in with the right password, builds the staff ability, and signs out", async () => {
    await upsertStaffUser(db.control, {
      email: "Ops@MusicalWheel.test",
      name: "Ops",
      password: "staff password 1",
      roles: ["onboarding"],
    });
    const { token } = await signInStaff({
      database: db.control,
      input: { email: "ops@musicalwheel.test", password: "staff password 1" },
    });
    const s = await getStaffSession(db.control, token);
    expect(s?.staff).toMatchObject({ email: "ops@musicalwheel.test", roles: ["onboarding"] });
    expect(s?.ability.can("create", "PlatformTenant")).toBe(true);
    expect(s?.ability.can("suspend", "PlatformTenant")).toBe(false);
    await signOutStaff(db.control, token);
    expect(await getStaffSession(db.control, token)).toBeNull();
  });

  it("refuses wrong passwords, unknown e-mails and staff without roles with one message", async () => {
    await upsertStaffUser(db.control, {
      email: "noroles@musicalwheel.test",
      name: "N",
      password: "staff password 2",
      roles: [],
    });
    const attempts = [
      { email: "ops2@musicalwheel.test", password: "whatever" },
      { email: "noroles@musicalwheel.test", password: "staff password 2" },
    ];
    for (const input of attempts) {
      await expect(signInStaff({ database: db.control, input })).rejects.toBeInstanceOf(UnauthenticatedError);
    }
  });
});
