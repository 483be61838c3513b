CREATE TABLE "signup_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "signup_requests" ADD CONSTRAINT "signup_requests_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "signup_requests_token_uq" ON "signup_requests" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "signup_requests_email_idx" ON "signup_requests" USING btree ("tenant_id","email");--> statement-breakpoint
-- Hand-written: pending sign-ups are tenant-owned like sessions and magic links.
SELECT mw_enable_tenant_rls('signup_requests');
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON signup_requests TO mw_control, mw_runtime;
--> statement-breakpoint
-- Deliver an outbox row now: adds the e-mail worker's job in the caller's transaction, so the job
-- exists if and only if the row does and the worker hears of it at commit (graphile-worker
-- NOTIFYs on insert). The app roles have no access to graphile-worker's schema; this window adds
-- exactly one kind of job, for a pending row of the caller's own tenant (app.tenant_id). Without
-- the worker's schema (no worker has ever run) it does nothing: the outbox sweep sends the row.
-- Job key and attempts match provisioning/src/email/schedule.ts.
CREATE FUNCTION mw_schedule_outbox_email(p_outbox_id text)
RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_tenant text := nullif(current_setting('app.tenant_id', true), '');
BEGIN
  IF v_tenant IS NULL OR to_regnamespace('graphile_worker') IS NULL THEN
    RETURN false;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM email_outbox o
                  WHERE o.id = p_outbox_id AND o.tenant_id = v_tenant AND o.status = 'pending') THEN
    RETURN false;
  END IF;
  PERFORM graphile_worker.add_job(
    'email:send',
    json_build_object('tenantId', v_tenant, 'outboxId', p_outbox_id),
    max_attempts := 10,
    job_key := 'email:' || p_outbox_id,
    job_key_mode := 'unsafe_dedupe');
  RETURN true;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION mw_schedule_outbox_email(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION mw_schedule_outbox_email(text) TO mw_control, mw_runtime;
