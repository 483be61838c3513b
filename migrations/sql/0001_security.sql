-- Hand-written: roles, grants, row-level security, the host resolver, audit immutability and
-- cache-invalidation notifications. Runs as the owner (the DATABASE_URL user).
-- Roles are cluster-wide, so creation tolerates a concurrent or earlier creator.

DO $$ BEGIN
  CREATE ROLE mw_control LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
--> statement-breakpoint
DO $$ BEGIN
  CREATE ROLE mw_runtime LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
--> statement-breakpoint
-- Owns only the host resolver; cannot log in; reads across tenants through its own narrow policies.
DO $$ BEGIN
  CREATE ROLE mw_resolver NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
--> statement-breakpoint
-- A non-superuser owner must be a member to hand the resolver function over.
DO $$ BEGIN
  EXECUTE format('GRANT mw_resolver TO %I', current_user);
EXCEPTION WHEN OTHERS THEN NULL; END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO mw_control, mw_runtime, mw_resolver;
--> statement-breakpoint

-- Control plane and provisioning worker: platform tables plus tenant tables (still under RLS).
GRANT SELECT, INSERT, UPDATE, DELETE ON tenants, domains, themes, users, roles, memberships, membership_roles, invitations, staff_users TO mw_control;
--> statement-breakpoint
GRANT SELECT, INSERT ON audit_events TO mw_control;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON audit_chain_heads TO mw_control;
--> statement-breakpoint

-- Tenant runtime: no access to platform tables at all (tenants, domains, staff_users); it resolves
-- hosts through resolve_host() only.
GRANT SELECT, INSERT, UPDATE, DELETE ON users, memberships, membership_roles TO mw_runtime;
--> statement-breakpoint
GRANT SELECT ON roles, themes TO mw_runtime;
--> statement-breakpoint
GRANT SELECT, UPDATE ON invitations TO mw_runtime;
--> statement-breakpoint
GRANT SELECT, INSERT ON audit_events TO mw_runtime;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON audit_chain_heads TO mw_runtime;
--> statement-breakpoint
GRANT SELECT ON tenants, domains, themes TO mw_resolver;
--> statement-breakpoint

-- Row-level security: one helper so every tenant-owned table gets the identical policy.
-- `(select current_setting(...))` is evaluated once per statement (an InitPlan), not per row;
-- an unset tenant yields NULL, which matches no row.
CREATE OR REPLACE FUNCTION mw_enable_tenant_rls(tbl regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
  EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %s', tbl);
  EXECUTE format(
    'CREATE POLICY tenant_isolation ON %s USING (tenant_id = (select current_setting(''app.tenant_id'', true))) '
    'WITH CHECK (tenant_id = (select current_setting(''app.tenant_id'', true)))', tbl);
END $$;
--> statement-breakpoint
SELECT mw_enable_tenant_rls('domains');
--> statement-breakpoint
SELECT mw_enable_tenant_rls('themes');
--> statement-breakpoint
SELECT mw_enable_tenant_rls('users');
--> statement-breakpoint
SELECT mw_enable_tenant_rls('roles');
--> statement-breakpoint
SELECT mw_enable_tenant_rls('memberships');
--> statement-breakpoint
SELECT mw_enable_tenant_rls('membership_roles');
--> statement-breakpoint
SELECT mw_enable_tenant_rls('invitations');
--> statement-breakpoint
SELECT mw_enable_tenant_rls('audit_events');
--> statement-breakpoint
SELECT mw_enable_tenant_rls('audit_chain_heads');
--> statement-breakpoint
CREATE POLICY resolver_read ON domains FOR SELECT TO mw_resolver USING (true);
--> statement-breakpoint
CREATE POLICY resolver_read ON themes FOR SELECT TO mw_resolver USING (true);
--> statement-breakpoint

-- Host → tenant, the runtime's only window onto platform tables. Only verified domains of
-- tenants that still exist resolve; everything else is "unknown host".
CREATE OR REPLACE FUNCTION resolve_host(p_host text)
RETURNS TABLE (
  tenant_id text, slug text, name text, status tenant_status, plan text,
  hostname text, domain_kind domain_kind, primary_host text,
  theme_version integer, theme_tokens jsonb
)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT t.id, t.slug, t.name, t.status, t.plan,
         d.hostname, d.kind,
         (SELECT p.hostname FROM domains p
           WHERE p.tenant_id = t.id AND p.is_primary AND p.status = 'verified' LIMIT 1),
         th.version, th.tokens
    FROM domains d
    JOIN tenants t ON t.id = d.tenant_id
    LEFT JOIN themes th ON th.tenant_id = t.id AND th.status = 'published'
   WHERE d.hostname = p_host AND d.status = 'verified' AND t.status <> 'deleted'
$$;
--> statement-breakpoint
ALTER FUNCTION resolve_host(text) OWNER TO mw_resolver;
--> statement-breakpoint
REVOKE ALL ON FUNCTION resolve_host(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION resolve_host(text) TO mw_runtime, mw_control;
--> statement-breakpoint

-- Audit log is append-only even for a role that somehow gains UPDATE/DELETE.
CREATE OR REPLACE FUNCTION audit_events_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % rejected', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_reject_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_reject_change();
--> statement-breakpoint

-- In-process caches (host → tenant, published theme) listen on this channel.
CREATE OR REPLACE FUNCTION mw_notify_tenant_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  tid text;
BEGIN
  IF TG_TABLE_NAME = 'tenants' THEN
    tid := COALESCE(NEW.id, OLD.id);
  ELSE
    tid := COALESCE(NEW.tenant_id, OLD.tenant_id);
  END IF;
  PERFORM pg_notify('mw_tenant_changed', json_build_object('tenantId', tid, 'table', TG_TABLE_NAME)::text);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER tenants_notify AFTER INSERT OR UPDATE OR DELETE ON tenants
  FOR EACH ROW EXECUTE FUNCTION mw_notify_tenant_changed();
--> statement-breakpoint
CREATE TRIGGER domains_notify AFTER INSERT OR UPDATE OR DELETE ON domains
  FOR EACH ROW EXECUTE FUNCTION mw_notify_tenant_changed();
--> statement-breakpoint
CREATE TRIGGER themes_notify AFTER INSERT OR UPDATE OR DELETE ON themes
  FOR EACH ROW EXECUTE FUNCTION mw_notify_tenant_changed();
