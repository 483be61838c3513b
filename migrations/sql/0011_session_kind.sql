ALTER TABLE "sessions" ADD COLUMN "kind" text;--> statement-breakpoint
-- Hand-written: sessions opened before kinds existed cannot be told apart (the tenant site and the
-- admin console created identical rows), so every one still live is ended — its holder signs in
-- once more, on the site or in the console, and gets a session of the right kind. They are kept
-- as `site` rows, revoked, for their history. Tenant by tenant under RLS (sessions force it even
-- for the owner).
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT id FROM tenants LOOP
    PERFORM set_config('app.tenant_id', t.id, true);
    UPDATE sessions SET kind = 'site', revoked_at = coalesce(revoked_at, now()) WHERE tenant_id = t.id;
  END LOOP;
  PERFORM set_config('app.tenant_id', '', true);
END
$$;--> statement-breakpoint
ALTER TABLE "sessions" ALTER COLUMN "kind" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_kind_ck" CHECK ("sessions"."kind" in ('site', 'console'));
