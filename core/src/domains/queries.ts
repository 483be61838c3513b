import { and, eq, ne } from "drizzle-orm";
import { z } from "zod";
import { type Database, readTenant } from "../db/client";
import { type DomainRow, domains } from "../db/schema/index";
import { NotFoundError } from "../errors";
import { isId } from "../ids";

export const DomainIdInput = z
  .object({
    domainId: z
      .string({ error: "domainId is required" })
      .refine((v) => isId("domain", v), { error: "not a domain id" }),
  })
  .strict();

/** A live (not removed) domain of this tenant; another tenant's id is simply not found. */
export async function getLiveDomainOrThrow(database: Database, tenantId: string, domainId: string): Promise<DomainRow> {
  const [row] = await readTenant(database, tenantId, (tx) =>
    tx
      .select()
      .from(domains)
      .where(and(eq(domains.tenantId, tenantId), eq(domains.id, domainId), ne(domains.status, "removed"))),
  );
  if (!row) throw new NotFoundError("Domain not found.");
  return row;
}
