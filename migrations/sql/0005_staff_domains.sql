-- The staff console lists every tenant with its hosts. Domains are tenant-owned (RLS), so the
-- control role sees them only inside one tenant; this window gives staff the host names and
-- states of all tenants, nothing else, and only to the control plane's role.
CREATE FUNCTION platform_domains()
RETURNS TABLE (tenant_id text, hostname text, kind domain_kind, status domain_status, is_primary boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT d.tenant_id, d.hostname, d.kind, d.status, d.is_primary
    FROM domains d
   WHERE d.status <> 'removed'
$$;
--> statement-breakpoint
ALTER FUNCTION platform_domains() OWNER TO mw_resolver;
--> statement-breakpoint
REVOKE ALL ON FUNCTION platform_domains() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION platform_domains() TO mw_control;
