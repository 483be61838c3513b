-- Hand-written: the runtime's dunning banner says how many days of grace are left, and the runtime
-- role cannot read tenants; both resolvers now return grace_until (the deadline of the current
-- dunning state) next to dunning_state.
DROP FUNCTION IF EXISTS resolve_host(text);
--> statement-breakpoint
CREATE FUNCTION resolve_host(p_host text)
RETURNS TABLE (
  tenant_id text, slug text, name text, status tenant_status, plan text, addons text[], entitlements jsonb,
  hostname text, domain_kind domain_kind, primary_host text,
  theme_version integer, theme_tokens jsonb, dunning_state dunning_state, grace_until timestamptz
)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT t.id, t.slug, t.name, t.status, t.plan, t.addons, t.entitlements,
         d.hostname, d.kind,
         p.hostname,
         th.version, th.tokens, t.dunning_state, t.grace_until
    FROM domains d
    JOIN tenants t ON t.id = d.tenant_id
    LEFT JOIN domains p ON p.tenant_id = t.id AND p.is_primary AND p.status = 'verified'
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
DROP FUNCTION IF EXISTS tenant_profile(text);
--> statement-breakpoint
CREATE FUNCTION tenant_profile(p_tenant_id text)
RETURNS TABLE (
  tenant_id text, slug text, name text, status tenant_status, plan text, addons text[], entitlements jsonb,
  primary_host text, theme_version integer, theme_tokens jsonb, dunning_state dunning_state, grace_until timestamptz
)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT t.id, t.slug, t.name, t.status, t.plan, t.addons, t.entitlements,
         p.hostname, th.version, th.tokens, t.dunning_state, t.grace_until
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
