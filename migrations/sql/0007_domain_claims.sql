DROP INDEX "domains_hostname_live_uq";--> statement-breakpoint
ALTER TABLE "domains" ADD COLUMN "ownership_token" text;--> statement-breakpoint
ALTER TABLE "domains" ADD COLUMN "released_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "domains" ADD COLUMN "release_reason" text;--> statement-breakpoint
CREATE UNIQUE INDEX "domains_hostname_verified_uq" ON "domains" USING btree ("hostname") WHERE status = 'verified';--> statement-breakpoint
CREATE UNIQUE INDEX "domains_tenant_hostname_live_uq" ON "domains" USING btree ("tenant_id","hostname") WHERE status <> 'removed';--> statement-breakpoint
CREATE INDEX "domains_hostname_live_idx" ON "domains" USING btree ("hostname") WHERE status <> 'removed';--> statement-breakpoint
-- Hand-written (ADR 0007). Custom domains claimed before this migration get their ownership token:
-- random, not secret (the customer publishes it in DNS).
UPDATE domains SET ownership_token = replace(gen_random_uuid()::text, '-', '')
 WHERE kind = 'custom' AND ownership_token IS NULL;
--> statement-breakpoint
ALTER TABLE domains ADD CONSTRAINT domains_release_reason_check
  CHECK (release_reason IS NULL OR release_reason IN ('claim_expired', 'ownership_proven_elsewhere'));
--> statement-breakpoint
-- Every tenant's live claim on one custom host name, for the availability check and the release of
-- rival claims. Like platform_domains(): ids and states only, only to the control plane's role.
CREATE FUNCTION hostname_claims(p_hostname text)
RETURNS TABLE (tenant_id text, domain_id text, status domain_status, created_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT d.tenant_id, d.id, d.status, d.created_at
    FROM domains d
   WHERE d.hostname = p_hostname AND d.kind = 'custom' AND d.status <> 'removed'
   ORDER BY d.created_at
$$;
--> statement-breakpoint
ALTER FUNCTION hostname_claims(text) OWNER TO mw_resolver;
--> statement-breakpoint
REVOKE ALL ON FUNCTION hostname_claims(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION hostname_claims(text) TO mw_control;
