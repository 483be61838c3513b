CREATE TYPE "public"."stripe_event_status" AS ENUM('pending', 'processed', 'failed', 'ignored');--> statement-breakpoint
CREATE TYPE "public"."usage_report_status" AS ENUM('pending', 'sent');--> statement-breakpoint
CREATE TYPE "public"."dunning_state" AS ENUM('ok', 'past_due', 'restricted', 'suspended');--> statement-breakpoint
CREATE TABLE "billing_accounts" (
	"tenant_id" text PRIMARY KEY NOT NULL,
	"stripe_customer_id" text,
	"stripe_subscription_id" text,
	"subscription_status" text,
	"billing_interval" text,
	"seats" integer,
	"current_period_start" timestamp with time zone,
	"current_period_end" timestamp with time zone,
	"trial_end" timestamp with time zone,
	"cancel_at_period_end" boolean DEFAULT false NOT NULL,
	"canceled_at" timestamp with time zone,
	"collection_method" text DEFAULT 'charge_automatically' NOT NULL,
	"days_until_due" integer,
	"custom_price_id" text,
	"coupon_id" text,
	"mrr_cents" integer DEFAULT 0 NOT NULL,
	"currency" text DEFAULT 'usd' NOT NULL,
	"payment_method" jsonb,
	"synced_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "billing_invoices" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"number" text,
	"status" text NOT NULL,
	"currency" text NOT NULL,
	"total_cents" integer NOT NULL,
	"amount_due_cents" integer NOT NULL,
	"amount_paid_cents" integer NOT NULL,
	"hosted_invoice_url" text,
	"invoice_pdf" text,
	"period_start" timestamp with time zone,
	"period_end" timestamp with time zone,
	"due_date" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"stripe_created_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stripe_events" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"livemode" boolean DEFAULT false NOT NULL,
	"for_tenant_id" text,
	"object_id" text,
	"stripe_created_at" timestamp with time zone NOT NULL,
	"payload" jsonb NOT NULL,
	"status" "stripe_event_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"result" text,
	"last_error" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "usage_records" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"meter" text NOT NULL,
	"quantity" integer NOT NULL,
	"idempotency_key" text NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"report_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "usage_records_quantity_ck" CHECK ("usage_records"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "usage_reports" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"meter" text NOT NULL,
	"quantity" integer NOT NULL,
	"status" "usage_report_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "dunning_state" "dunning_state" DEFAULT 'ok' NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "dunning_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "grace_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "billing_accounts" ADD CONSTRAINT "billing_accounts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_invoices" ADD CONSTRAINT "billing_invoices_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stripe_events" ADD CONSTRAINT "stripe_events_for_tenant_id_tenants_id_fk" FOREIGN KEY ("for_tenant_id") REFERENCES "public"."tenants"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_records" ADD CONSTRAINT "usage_records_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_records" ADD CONSTRAINT "usage_records_report_id_usage_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."usage_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_reports" ADD CONSTRAINT "usage_reports_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "billing_accounts_customer_uq" ON "billing_accounts" USING btree ("stripe_customer_id");--> statement-breakpoint
CREATE INDEX "billing_accounts_subscription_idx" ON "billing_accounts" USING btree ("stripe_subscription_id");--> statement-breakpoint
CREATE INDEX "billing_invoices_tenant_idx" ON "billing_invoices" USING btree ("tenant_id","stripe_created_at");--> statement-breakpoint
CREATE INDEX "stripe_events_tenant_idx" ON "stripe_events" USING btree ("for_tenant_id","received_at");--> statement-breakpoint
CREATE INDEX "stripe_events_status_idx" ON "stripe_events" USING btree ("status","received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "usage_records_idem_uq" ON "usage_records" USING btree ("tenant_id","meter","idempotency_key");--> statement-breakpoint
CREATE INDEX "usage_records_unreported_idx" ON "usage_records" USING btree ("tenant_id","meter") WHERE "usage_records"."report_id" is null;--> statement-breakpoint
CREATE INDEX "usage_records_time_idx" ON "usage_records" USING btree ("tenant_id","occurred_at");--> statement-breakpoint
CREATE INDEX "usage_reports_status_idx" ON "usage_reports" USING btree ("status","created_at");--> statement-breakpoint
-- Hand-written: the billing ledger is tenant-owned (RLS); the webhook inbox is a platform table
-- (the tenant is unknown until the event is read) that only the control plane and the worker see.
SELECT mw_enable_tenant_rls('billing_accounts');
--> statement-breakpoint
SELECT mw_enable_tenant_rls('billing_invoices');
--> statement-breakpoint
SELECT mw_enable_tenant_rls('usage_records');
--> statement-breakpoint
SELECT mw_enable_tenant_rls('usage_reports');
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON billing_accounts, billing_invoices, usage_reports TO mw_control;
--> statement-breakpoint
-- Product actions record usage in their own transaction, from either app.
GRANT SELECT, INSERT ON usage_records TO mw_control, mw_runtime;
--> statement-breakpoint
GRANT UPDATE (report_id) ON usage_records TO mw_control;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON stripe_events TO mw_control;
--> statement-breakpoint
-- The runtime needs the dunning state per request (banner, availability): both resolvers return it.
DROP FUNCTION IF EXISTS resolve_host(text);
--> statement-breakpoint
CREATE FUNCTION resolve_host(p_host text)
RETURNS TABLE (
  tenant_id text, slug text, name text, status tenant_status, plan text, addons text[], entitlements jsonb,
  hostname text, domain_kind domain_kind, primary_host text,
  theme_version integer, theme_tokens jsonb, dunning_state dunning_state
)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT t.id, t.slug, t.name, t.status, t.plan, t.addons, t.entitlements,
         d.hostname, d.kind,
         p.hostname,
         th.version, th.tokens, t.dunning_state
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
  primary_host text, theme_version integer, theme_tokens jsonb, dunning_state dunning_state
)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT t.id, t.slug, t.name, t.status, t.plan, t.addons, t.entitlements,
         p.hostname, th.version, th.tokens, t.dunning_state
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
