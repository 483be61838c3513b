-- Hand-written (issue 8.5): bounded statements for the app roles, whatever pool or pooler they
-- come through (role settings apply at login, so PgBouncer's server connections get them too;
-- a startup parameter would be refused by it). A request must fail within seconds, not hang on a
-- lock or a runaway plan: the tenant runtime serves pages (15 s is already a broken page); the
-- control plane also verifies audit chains and streams exports (60 s per statement; a stream is
-- many statements). A session left idle inside a transaction (a crashed request, a stalled
-- stream) is ended after 5 minutes so it cannot hold locks for good. The migration owner and the
-- worker's own pool are not limited. Operators may change these with ALTER ROLE.
ALTER ROLE mw_runtime SET statement_timeout = '15s';--> statement-breakpoint
ALTER ROLE mw_runtime SET idle_in_transaction_session_timeout = '5min';--> statement-breakpoint
ALTER ROLE mw_control SET statement_timeout = '60s';--> statement-breakpoint
ALTER ROLE mw_control SET idle_in_transaction_session_timeout = '5min';
