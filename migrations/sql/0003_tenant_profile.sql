-- The runtime renders a tenant's public pages from the tenant id that its proxy put in the path
-- (resolved from the Host header). This is the id-keyed twin of resolve_host(): public branding
-- and entitlements only, for tenants that exist.
CREATE FUNCTION tenant_profile(p_tenant_id text)
RETURNS TABLE (
  tenant_id text, slug text, name text, status tenant_status, plan text, addons text[], entitlements jsonb,
  primary_host text, theme_version integer, theme_tokens jsonb
)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT t.id, t.slug, t.name, t.status, t.plan, t.addons, t.entitlements,
         p.hostname, th.version, th.tokens
    FROM tenants t
    LEFT JOIN domains p ON p.tenant_id = t.id AND p.is_primary AND p.status = 'verified'
    LEFT JOIN themes th ON th.tenant_id = t.id AND th.status = 'published'
   WHERE t.id = p_tenant_id AND t.status <> 'deleted'
$$;
--> statement-breakpoint
ALTER FUNCTION tenant_profile(text) OWNER TO mw_resolver;
--> statement-breakpoint
REVOKE ALL ON FUNCTION tenant_profile(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION tenant_profile(text) TO mw_runtime, mw_control;
