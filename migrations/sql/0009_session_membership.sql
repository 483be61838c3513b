ALTER TABLE "sessions" ADD COLUMN "membership_id" text;--> statement-breakpoint
-- Hand-written: bind the sessions that exist to their user's current membership, then drop those
-- whose user has none (removed members: they could never be used again anyway), so the column can
-- be NOT NULL. Tenant by tenant under RLS (sessions and memberships force it even for the owner).
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT id FROM tenants LOOP
    PERFORM set_config('app.tenant_id', t.id, true);
    UPDATE sessions s SET membership_id = m.id
      FROM memberships m
     WHERE s.tenant_id = t.id AND m.tenant_id = s.tenant_id AND m.user_id = s.user_id;
    DELETE FROM sessions WHERE tenant_id = t.id AND membership_id IS NULL;
  END LOOP;
  PERFORM set_config('app.tenant_id', '', true);
END
$$;--> statement-breakpoint
ALTER TABLE "sessions" ALTER COLUMN "membership_id" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "sessions_membership_idx" ON "sessions" USING btree ("tenant_id","membership_id");
