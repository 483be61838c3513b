-- Hand-written (issue 10.4): Business is billed per seat, so a membership that starts, ends or changes
-- status queues the seat sync job for its tenant — in the membership's own transaction, so the job
-- exists if and only if the change commits, whichever path made it (invitation, sign-up, directory
-- sync, removal). One job per tenant (job_key), run a few seconds later and pushed back by each new
-- change, so a burst of joins ends in one Stripe update. Only tenants with a subscription; the job
-- itself decides whether the plan is priced per seat. The Stripe call is the job's, never the
-- membership transaction's. Without graphile-worker's schema (no worker has ever run) it does
-- nothing. Task name and job key match provisioning/src/billing/seat-sync.ts.
CREATE FUNCTION mw_schedule_seat_sync()
RETURNS trigger
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_tenant text;
BEGIN
  IF TG_OP = 'DELETE' THEN
    v_tenant := OLD.tenant_id;
  ELSE
    v_tenant := NEW.tenant_id;
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.status IS NOT DISTINCT FROM OLD.status THEN
    RETURN NULL;
  END IF;
  IF to_regnamespace('graphile_worker') IS NULL THEN
    RETURN NULL;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM billing_accounts b
                  WHERE b.tenant_id = v_tenant AND b.stripe_subscription_id IS NOT NULL) THEN
    RETURN NULL;
  END IF;
  PERFORM graphile_worker.add_job(
    'billing:sync-seats',
    json_build_object('tenantId', v_tenant),
    run_at := now() + interval '3 seconds',
    max_attempts := 10,
    job_key := 'billing:seats:' || v_tenant,
    job_key_mode := 'replace');
  RETURN NULL;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION mw_schedule_seat_sync() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER memberships_seat_sync AFTER INSERT OR DELETE OR UPDATE OF status ON memberships
  FOR EACH ROW EXECUTE FUNCTION mw_schedule_seat_sync();
