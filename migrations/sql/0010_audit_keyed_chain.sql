CREATE TABLE "audit_checkpoints" (
	"tenant_id" text NOT NULL,
	"seq" bigint NOT NULL,
	"hash" "bytea" NOT NULL,
	"verified_at" timestamp with time zone DEFAULT now() NOT NULL,
	"full_verified_at" timestamp with time zone,
	"checked" bigint NOT NULL,
	CONSTRAINT "audit_checkpoints_tenant_id_seq_pk" PRIMARY KEY("tenant_id","seq")
);
--> statement-breakpoint
ALTER TABLE "audit_chain_heads" ADD COLUMN "keyed_from" bigint DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_checkpoints" ADD CONSTRAINT "audit_checkpoints_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
-- Hand-written (issue 7 item 13, issue 8 item 9; docs/adr/0003): the chain is keyed with a secret the
-- app roles cannot read, and only two security-definer functions touch the audit tables' contents —
-- mw_audit_append() (the one way to write an event) and mw_audit_verify() (keyed verification,
-- which also writes the checkpoints it resumes from). Both take the tenant from the transaction
-- (app.tenant_id, set by withTenant), never from an argument, and keep no session state (PgBouncer).
CREATE EXTENSION IF NOT EXISTS pgcrypto;
--> statement-breakpoint
-- Owns the two functions; cannot log in; holds exactly the privileges their bodies need, under RLS.
DO $$ BEGIN
  CREATE ROLE mw_auditor NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
--> statement-breakpoint
-- A non-superuser owner must be a member to hand the functions over.
DO $$ BEGIN
  EXECUTE format('GRANT mw_auditor TO %I', current_user);
EXCEPTION WHEN OTHERS THEN NULL; END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO mw_auditor;
--> statement-breakpoint
-- The chain key. No grant to the app roles: they can neither read it nor compute a valid hash.
CREATE TABLE audit_chain_keys (
  id smallint PRIMARY KEY,
  key bytea NOT NULL CHECK (octet_length(key) >= 32),
  created_at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
INSERT INTO audit_chain_keys (id, key) VALUES (1, gen_random_bytes(32));
--> statement-breakpoint
REVOKE ALL ON audit_chain_keys FROM PUBLIC;
--> statement-breakpoint
GRANT SELECT ON audit_chain_keys TO mw_auditor;
--> statement-breakpoint
SELECT mw_enable_tenant_rls('audit_checkpoints');
--> statement-breakpoint
-- The app roles keep SELECT (the log viewer, exports) and lose every way to write.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_events, audit_chain_heads FROM mw_control, mw_runtime;
--> statement-breakpoint
GRANT SELECT ON audit_checkpoints TO mw_control;
--> statement-breakpoint
GRANT SELECT, INSERT ON audit_events TO mw_auditor;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON audit_chain_heads TO mw_auditor;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON audit_checkpoints TO mw_auditor;
--> statement-breakpoint
-- Chains that already have events were SHA-256 chained; they continue keyed from the next event
-- (whose HMAC covers the last unkeyed hash, so the unkeyed prefix cannot be rewritten either).
-- The owner is subject to forced RLS unless lifted for this statement.
ALTER TABLE audit_chain_heads NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
UPDATE audit_chain_heads SET keyed_from = seq + 1;
--> statement-breakpoint
ALTER TABLE audit_chain_heads FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- The bytes a keyed hash covers, computed from the stored columns, so that append and verification
-- run the same expression in the same place. jsonb's text form is canonical (keys sorted and
-- de-duplicated, numbers as numeric); the time is fixed to UTC and milliseconds. Inlinable (no
-- SET, no SECURITY DEFINER), so verification pays no call per row.
CREATE FUNCTION mw_audit_canonical(
  p_tenant text, p_id text, p_actor_type text, p_actor_id text, p_action text, p_target_type text,
  p_target_id text, p_before jsonb, p_after jsonb, p_ip text, p_user_agent text, p_request_id text,
  p_occurred_at timestamptz)
RETURNS bytea
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT convert_to(jsonb_build_array(
    2, p_tenant, p_id, p_actor_type, p_actor_id, p_action, p_target_type, p_target_id, p_before, p_after,
    p_ip, p_user_agent, p_request_id,
    to_char(p_occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text, 'UTF8')
$$;
--> statement-breakpoint
-- The only way to write an audit event. One statement: the upsert on the head row-locks the
-- tenant's chain (ordering concurrent appends), computes hash(n) = HMAC-SHA256(key, hash(n-1) ‖
-- canonical(n)) and feeds the event insert. Runs in the caller's transaction, so the event commits
-- if and only if the change it describes does. The time is the database's, not the caller's.
CREATE FUNCTION mw_audit_append(
  p_id text, p_actor_type text, p_actor_id text, p_action text, p_target_type text, p_target_id text,
  p_before jsonb, p_after jsonb, p_ip text, p_user_agent text, p_request_id text)
RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_tenant text := nullif(current_setting('app.tenant_id', true), '');
  v_at timestamptz := date_trunc('milliseconds', clock_timestamp());
  v_msg bytea;
  v_seq bigint;
BEGIN
  IF v_tenant IS NULL THEN
    RAISE EXCEPTION 'mw_audit_append: no tenant in this transaction (app.tenant_id is not set)'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  v_msg := mw_audit_canonical(v_tenant, p_id, p_actor_type, p_actor_id, p_action, p_target_type, p_target_id,
                              p_before, p_after, p_ip, p_user_agent, p_request_id, v_at);
  WITH head AS (
    INSERT INTO audit_chain_heads AS h (tenant_id, seq, hash, keyed_from)
    VALUES (v_tenant, 1,
            hmac(decode(repeat('00', 32), 'hex') || v_msg, (SELECT k.key FROM audit_chain_keys k WHERE k.id = 1), 'sha256'),
            1)
    ON CONFLICT (tenant_id) DO UPDATE
      SET seq = h.seq + 1,
          hash = hmac(h.hash || v_msg, (SELECT k.key FROM audit_chain_keys k WHERE k.id = 1), 'sha256')
    RETURNING h.seq, h.hash
  )
  INSERT INTO audit_events (tenant_id, seq, id, actor_type, actor_id, action, target_type, target_id,
                            before, after, ip, user_agent, request_id, occurred_at, hash)
  SELECT v_tenant, head.seq, p_id, p_actor_type, p_actor_id, p_action, p_target_type, p_target_id,
         p_before, p_after, p_ip, p_user_agent, p_request_id, v_at, head.hash
    FROM head
  RETURNING audit_events.seq INTO v_seq;
  RETURN v_seq;
END
$$;
--> statement-breakpoint
-- Keyed verification of the current tenant's chain, set-based: each event's hash must equal
-- HMAC(key, stored hash of its predecessor ‖ its canonical bytes), seqs must be contiguous, and the
-- last event must be the head. Incremental (the default) starts after the newest checkpoint, whose
-- hash stands in for its predecessor's; full starts at the first keyed event (whose predecessor,
-- if any, is the last unkeyed event, checked by the caller with plain SHA-256). Only events up to
-- the head read at the start are looked at, so concurrent appends never confuse it. On success the
-- head becomes a checkpoint; a failure writes nothing.
CREATE FUNCTION mw_audit_verify(p_full boolean)
RETURNS TABLE (
  ok boolean, full_scan boolean, from_seq bigint, checked bigint, head_seq bigint, keyed_from bigint,
  bad_seq bigint, bad_event_id text, reason text, detail text, verified_at timestamptz,
  last_full_at timestamptz)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_tenant text := nullif(current_setting('app.tenant_id', true), '');
  v_key bytea;
  v_head_seq bigint;
  v_head_hash bytea;
  v_keyed_from bigint;
  v_cp_seq bigint;
  v_cp_hash bytea;
  v_full boolean;
  v_start bigint;
  v_anchor bytea;
  v_n bigint;
  v_gap bigint;
  v_bad bigint;
  v_last_hash bytea;
  v_now timestamptz := now();
  v_last_full timestamptz;
BEGIN
  IF v_tenant IS NULL THEN
    RAISE EXCEPTION 'mw_audit_verify: no tenant in this transaction (app.tenant_id is not set)'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT k.key INTO STRICT v_key FROM audit_chain_keys k WHERE k.id = 1;
  SELECT h.seq, h.hash, h.keyed_from INTO v_head_seq, v_head_hash, v_keyed_from
    FROM audit_chain_heads h WHERE h.tenant_id = v_tenant;
  IF NOT FOUND THEN
    SELECT min(e.seq) INTO v_bad FROM audit_events e WHERE e.tenant_id = v_tenant;
    IF v_bad IS NOT NULL THEN
      RETURN QUERY SELECT false, true, 1::bigint, 0::bigint, 0::bigint, 1::bigint, v_bad, NULL::text,
        'head_mismatch', 'the chain has events but no head', NULL::timestamptz, NULL::timestamptz;
    ELSE
      RETURN QUERY SELECT true, true, 1::bigint, 0::bigint, 0::bigint, 1::bigint, NULL::bigint, NULL::text,
        NULL::text, NULL::text, v_now, NULL::timestamptz;
    END IF;
    RETURN;
  END IF;

  IF NOT p_full THEN
    SELECT c.seq, c.hash INTO v_cp_seq, v_cp_hash
      FROM audit_checkpoints c WHERE c.tenant_id = v_tenant ORDER BY c.seq DESC LIMIT 1;
  END IF;
  SELECT c.full_verified_at INTO v_last_full
    FROM audit_checkpoints c WHERE c.tenant_id = v_tenant AND c.full_verified_at IS NOT NULL
   ORDER BY c.seq DESC LIMIT 1;

  v_full := v_cp_seq IS NULL OR v_cp_seq < v_keyed_from - 1;
  IF v_full THEN
    v_start := v_keyed_from - 1;
    IF v_start = 0 THEN
      v_anchor := decode(repeat('00', 32), 'hex');
    ELSE
      SELECT e.hash INTO v_anchor FROM audit_events e WHERE e.tenant_id = v_tenant AND e.seq = v_start;
      IF NOT FOUND THEN
        RETURN QUERY SELECT false, true, v_start, 0::bigint, v_head_seq, v_keyed_from, v_start, NULL::text,
          'sequence_gap', format('the last event before keying (#%s) is missing', v_start), NULL::timestamptz, v_last_full;
        RETURN;
      END IF;
    END IF;
  ELSE
    v_start := v_cp_seq;
    v_anchor := v_cp_hash;
    IF v_head_seq < v_cp_seq OR (v_head_seq = v_cp_seq AND v_head_hash <> v_cp_hash) THEN
      RETURN QUERY SELECT false, false, v_start + 1, 0::bigint, v_head_seq, v_keyed_from, v_head_seq, NULL::text,
        'head_mismatch', format('the chain head (#%s) no longer matches the verified checkpoint at #%s', v_head_seq, v_cp_seq),
        NULL::timestamptz, v_last_full;
      RETURN;
    END IF;
  END IF;

  SELECT count(*), min(x.seq) FILTER (WHERE x.gap), min(x.seq) FILTER (WHERE NOT x.good)
    INTO v_n, v_gap, v_bad
    FROM (
      SELECT e.seq,
             e.seq <> coalesce(lag(e.seq) OVER w, v_start) + 1 AS gap,
             e.hash = hmac(coalesce(lag(e.hash) OVER w, v_anchor)
                             || mw_audit_canonical(e.tenant_id, e.id, e.actor_type, e.actor_id, e.action, e.target_type,
                                                   e.target_id, e.before, e.after, e.ip, e.user_agent, e.request_id,
                                                   e.occurred_at),
                           v_key, 'sha256') AS good
        FROM audit_events e
       WHERE e.tenant_id = v_tenant AND e.seq > v_start AND e.seq <= v_head_seq
      WINDOW w AS (ORDER BY e.seq)
    ) x;

  IF v_gap IS NOT NULL OR v_bad IS NOT NULL THEN
    v_bad := least(v_gap, v_bad);
    RETURN QUERY SELECT false, v_full, v_start + 1, v_n, v_head_seq, v_keyed_from, v_bad,
      (SELECT e.id FROM audit_events e WHERE e.tenant_id = v_tenant AND e.seq = v_bad),
      CASE WHEN v_bad = v_gap THEN 'sequence_gap' ELSE 'hash_mismatch' END,
      CASE WHEN v_bad = v_gap THEN 'events before it are missing'
           ELSE 'its content does not match its keyed chain hash' END,
      NULL::timestamptz, v_last_full;
    RETURN;
  END IF;
  IF v_n > 0 THEN
    SELECT e.hash INTO v_last_hash FROM audit_events e WHERE e.tenant_id = v_tenant AND e.seq = v_head_seq;
  ELSE
    v_last_hash := v_anchor;
  END IF;
  IF v_n <> v_head_seq - v_start OR v_last_hash IS DISTINCT FROM v_head_hash THEN
    RETURN QUERY SELECT false, v_full, v_start + 1, v_n, v_head_seq, v_keyed_from, v_head_seq, NULL::text,
      'head_mismatch', format('the chain head is at #%s but the log ends at #%s', v_head_seq, v_start + v_n),
      NULL::timestamptz, v_last_full;
    RETURN;
  END IF;

  INSERT INTO audit_checkpoints AS c (tenant_id, seq, hash, verified_at, full_verified_at, checked)
  VALUES (v_tenant, v_head_seq, v_head_hash, v_now, CASE WHEN v_full THEN v_now END, v_n)
  ON CONFLICT (tenant_id, seq) DO UPDATE
    SET verified_at = excluded.verified_at,
        full_verified_at = coalesce(excluded.full_verified_at, c.full_verified_at),
        checked = excluded.checked;
  IF v_full THEN
    v_last_full := v_now;
  END IF;
  RETURN QUERY SELECT true, v_full, v_start + 1, v_n, v_head_seq, v_keyed_from, NULL::bigint, NULL::text,
    NULL::text, NULL::text, v_now, v_last_full;
END
$$;
--> statement-breakpoint
-- pgcrypto may live in another schema (an `extensions` schema on some hosts): pin it into the
-- functions' search path, after public and never before pg_catalog.
DO $$
DECLARE
  nsp text := (SELECT n.nspname FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace
                WHERE x.extname = 'pgcrypto');
BEGIN
  IF nsp <> 'public' THEN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO mw_auditor', nsp);
    EXECUTE format('ALTER FUNCTION mw_audit_append(text, text, text, text, text, text, jsonb, jsonb, text, text, text) SET search_path = public, %I, pg_temp', nsp);
    EXECUTE format('ALTER FUNCTION mw_audit_verify(boolean) SET search_path = public, %I, pg_temp', nsp);
  END IF;
END $$;
--> statement-breakpoint
ALTER FUNCTION mw_audit_append(text, text, text, text, text, text, jsonb, jsonb, text, text, text) OWNER TO mw_auditor;
--> statement-breakpoint
ALTER FUNCTION mw_audit_verify(boolean) OWNER TO mw_auditor;
--> statement-breakpoint
REVOKE ALL ON FUNCTION mw_audit_append(text, text, text, text, text, text, jsonb, jsonb, text, text, text) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION mw_audit_verify(boolean) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION mw_audit_append(text, text, text, text, text, text, jsonb, jsonb, text, text, text) TO mw_control, mw_runtime;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION mw_audit_verify(boolean) TO mw_control;
