CREATE TABLE "auth_rate_limits" (
	"key" varchar(255) PRIMARY KEY NOT NULL,
	"points" integer DEFAULT 0 NOT NULL,
	"expire" bigint
);
--> statement-breakpoint
CREATE TABLE "security_events" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"for_tenant_id" text,
	"path" text NOT NULL,
	"scope" text NOT NULL,
	"subject" text NOT NULL,
	"limiter_key" text NOT NULL,
	"failures" integer,
	"locked_until" timestamp with time zone,
	"ip" text,
	"user_agent" text,
	"actor_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "security_events_time_idx" ON "security_events" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "security_events_key_idx" ON "security_events" USING btree ("limiter_key","created_at");--> statement-breakpoint
-- Hand-written: the sign-in throttle's counters are used by both apps (the tenant site and the
-- admin console share an account's budget). The table is created here, never by the library at
-- runtime; its keys hold hashes, not e-mail addresses. Security events: the runtime records
-- locks but may not read them; the control plane lists them for staff and records unlocks.
GRANT SELECT, INSERT, UPDATE, DELETE ON auth_rate_limits TO mw_control, mw_runtime;
--> statement-breakpoint
GRANT SELECT, INSERT ON security_events TO mw_control;
--> statement-breakpoint
GRANT INSERT ON security_events TO mw_runtime;
