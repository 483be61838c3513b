ALTER TABLE "tenants" ADD COLUMN "entitlement_overrides" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
-- Hand-written: process a webhook inbox row soon. The control plane stores a verified Stripe event
-- and calls this in the same transaction, so the job exists if and only if the row does and the
-- worker hears of it at commit (graphile-worker NOTIFYs on insert). The app roles have no access to
-- graphile-worker's schema; this window adds exactly one kind of job, for an inbox row that is
-- waiting (pending, or failed and replayed by staff). Without the worker's schema (no worker has
-- ever run) it does nothing: the worker's sweep picks the row up. Task name, key and attempts match
-- provisioning/src/billing/schedule.ts.
CREATE FUNCTION mw_schedule_stripe_event(p_event_id text)
RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF to_regnamespace('graphile_worker') IS NULL THEN
    RETURN false;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM stripe_events e WHERE e.id = p_event_id AND e.status IN ('pending', 'failed')) THEN
    RETURN false;
  END IF;
  PERFORM graphile_worker.add_job(
    'billing:stripe-event',
    json_build_object('eventId', p_event_id),
    max_attempts := 12,
    job_key := 'stripe-event:' || p_event_id,
    job_key_mode := 'replace');
  RETURN true;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION mw_schedule_stripe_event(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION mw_schedule_stripe_event(text) TO mw_control;
--> statement-breakpoint
-- Which tenant a Stripe customer belongs to. billing_accounts is tenant-owned (RLS), and a webhook
-- names a customer before anyone knows the tenant; this window answers exactly that question (and
-- lists the accounts the periodic reconcile compares with Stripe), through a role that can read
-- nothing but the three id columns.
DO $$ BEGIN
  CREATE ROLE mw_billing_lookup NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
--> statement-breakpoint
DO $$ BEGIN
  EXECUTE format('GRANT mw_billing_lookup TO %I', current_user);
EXCEPTION WHEN OTHERS THEN NULL; END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO mw_billing_lookup;
--> statement-breakpoint
GRANT SELECT (tenant_id, stripe_customer_id, stripe_subscription_id) ON billing_accounts TO mw_billing_lookup;
--> statement-breakpoint
GRANT SELECT (id, status) ON tenants TO mw_billing_lookup;
--> statement-breakpoint
CREATE POLICY billing_lookup_read ON billing_accounts FOR SELECT TO mw_billing_lookup USING (true);
--> statement-breakpoint
CREATE FUNCTION mw_billing_tenant_for_customer(p_customer_id text)
RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT b.tenant_id FROM billing_accounts b WHERE b.stripe_customer_id = p_customer_id
$$;
--> statement-breakpoint
ALTER FUNCTION mw_billing_tenant_for_customer(text) OWNER TO mw_billing_lookup;
--> statement-breakpoint
REVOKE ALL ON FUNCTION mw_billing_tenant_for_customer(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION mw_billing_tenant_for_customer(text) TO mw_control;
--> statement-breakpoint
-- Accounts with a Stripe customer of tenants that still exist, in pages (keyset on tenant_id).
CREATE FUNCTION mw_billing_accounts_page(p_after text, p_limit integer)
RETURNS TABLE (tenant_id text, stripe_customer_id text, stripe_subscription_id text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT b.tenant_id, b.stripe_customer_id, b.stripe_subscription_id
    FROM billing_accounts b
    JOIN tenants t ON t.id = b.tenant_id
   WHERE b.stripe_customer_id IS NOT NULL AND t.status <> 'deleted' AND b.tenant_id > coalesce(p_after, '')
   ORDER BY b.tenant_id
   LIMIT least(greatest(p_limit, 1), 1000)
$$;
--> statement-breakpoint
ALTER FUNCTION mw_billing_accounts_page(text, integer) OWNER TO mw_billing_lookup;
--> statement-breakpoint
REVOKE ALL ON FUNCTION mw_billing_accounts_page(text, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION mw_billing_accounts_page(text, integer) TO mw_control;
