import { exportSPKI, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/db";
import { addMember, createTenantFixture } from "../../testing/fixtures";
import { resolveClerkSession } from "../clerk";

let db: TestDatabase;
let privateKey: CryptoKey;
let jwtKey: string;
let otherKey: CryptoKey;

beforeAll(async () => {
  db = await createTestDatabase();
  const pair = await generateKeyPair("RS256");
  privateKey = pair.privateKey as CryptoKey;
  jwtKey = await exportSPKI(pair.publicKey);
  otherKey = (await generateKeyPair("RS256")).privateKey as CryptoKey;
});
afterAll(() => db.drop());

/** A Clerk-shaped session token, minted locally (Clerk is unreachable here). */
function mint(claims: Record<string, unknown>, key: CryptoKey = privateKey, expiresIn = "5m") {
  return new SignJWT({ sid: "sess_test", v: 2, ...claims })
    .setProtectedHeader({ alg: "RS256", kid: "ins_test" })
    .setIssuedAt()
    .setNotBefore("0s")
    .setIssuer("https://clerk.example.test")
    .setExpirationTime(expiresIn)
    .sign(key);
}

describe("AUTH_PROVIDER=clerk", () => {
  it("links a Clerk user to the member with the same e-mail, then by id", async () => {
    const f = await createTenantFixture(db);
    const m = await addMember(db, f.tenant, ["member"], "clerk-fan@example.com");
    const first = await resolveClerkSession({
      database: db.runtime,
      tenantId: f.tenant.id,
      jwtKey,
      token: await mint({ sub: "user_abc", email: "Clerk-Fan@example.com" }),
    });
    expect(first).toMatchObject({ clerkUserId: "user_abc", user: { id: m.userId }, roleKeys: ["member"] });
    expect(first?.ability.can("create", "Artist")).toBe(true);
    // Later tokens without the e-mail claim still resolve through the stored link.
    const later = await resolveClerkSession({
      database: db.runtime,
      tenantId: f.tenant.id,
      jwtKey,
      token: await mint({ sub: "user_abc" }),
    });
    expect(later?.user.id).toBe(m.userId);
  });

  it("refuses bad signatures, expired tokens, unknown users and other tenants", async () => {
    const a = await createTenantFixture(db);
    const b = await createTenantFixture(db);
    await addMember(db, a.tenant, ["viewer"], "only-on-a@example.com");
    const resolve = (tenantId: string, token: string) =>
      resolveClerkSession({ database: db.runtime, tenantId, jwtKey, token });
    expect(
      await resolve(a.tenant.id, await mint({ sub: "user_x", email: "only-on-a@example.com" }, otherKey)),
    ).toBeNull();
    expect(
      await resolve(a.tenant.id, await mint({ sub: "user_y", email: "only-on-a@example.com" }, privateKey, "-1m")),
    ).toBeNull();
    expect(await resolve(a.tenant.id, await mint({ sub: "user_z", email: "stranger@example.com" }))).toBeNull();
    expect(await resolve(b.tenant.id, await mint({ sub: "user_w", email: "only-on-a@example.com" }))).toBeNull();
    expect(await resolve(a.tenant.id, "not-a-jwt")).toBeNull();
    expect(await resolve(a.tenant.id, await mint({ sub: "user_w", email: "only-on-a@example.com" }))).not.toBeNull();
  });
});
