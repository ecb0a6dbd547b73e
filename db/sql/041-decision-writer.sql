-- Decision writer (decision-engine/decision-writer.ts): a whole batch of decided applications in
-- ONE call, so a batch costs one round trip instead of five (BEGIN, claim + locks, exposure and
-- chain head, inserts, COMMIT). Under load each round trip waited a turn of the API's busy event
-- loop, and those waits were most of a decision's latency. Applied after every migration run;
-- everything here is idempotent.

-- A borrower's exposure on the platform for the borrowing caps: outstanding loan principal, live
-- listings, and approved applications not listed yet. The same figure as platformExposureSql
-- (feature-store/exposure-source.ts) with no time bound (feature-store/exposure-source.test.ts
-- checks that the two agree).
CREATE OR REPLACE FUNCTION borrower_exposure_fen(p_borrower text) RETURNS bigint AS $$
  SELECT (SELECT coalesce(sum(principal_outstanding_fen), 0) FROM loans WHERE borrower_id = p_borrower)
       + (SELECT coalesce(sum(amount_fen), 0) FROM listings WHERE borrower_id = p_borrower AND status IN ('open', 'funded'))
       + (SELECT coalesce(sum(a.offered_amount_fen), 0) FROM loan_applications a
           WHERE a.borrower_id = p_borrower AND a.status = 'approved'
             AND NOT EXISTS (SELECT 1 FROM listings l WHERE l.application_id = a.id))
$$ LANGUAGE sql STABLE;

-- Writes a batch in the caller's (implicit) transaction, in this order:
--  1. claims every item's Idempotency-Key (a key already present is a retry: not claimed);
--  2. takes the claimed borrowers' advisory locks in a fixed order (no deadlock between
--     writers), then the chain lock, and asks for an asynchronous commit (see chainLockSql in
--     decision-engine/decision-chain.ts for why);
--  3. in fresh snapshots (a VOLATILE function's every statement takes one, so whatever committed
--     before the locks were granted is seen): each borrower's exposure, which must still be the
--     one the decision saw, else the item is refused and its key released (the client retries);
--     and the chain head;
--  4. chains the accepted decisions: hash = sha256(prefix || previous hash || suffix), the
--     record's canonical JSON split where its prevHash goes (the same as decisionRowHash);
--  5. inserts the applications, referrals and decisions (columns named by the caller, from the
--     drizzle schema) and stores each accepted key's response.
-- p: { columns: { applications: [..], reviews: [..], decisions: [..] }, items: [{ scope, key,
--      requestHash, createdAt, borrowerId, exposureBeforeFen, status, body, application,
--      review (or null), decision, hashPrefix, hashSuffix }] }, a borrower at most once.
-- Returns { claimed: [bool per item], accepted: [bool per item], decisions: [{ id, seq }] in seq order };
-- fails (and writes nothing) if seq does not follow the chain (the verifier walks seq order).
CREATE OR REPLACE FUNCTION decision_write_batch(p jsonb) RETURNS jsonb AS $$
DECLARE
  v_items jsonb := p->'items';
  v_n int := jsonb_array_length(p->'items');
  v_claimed text[];
  v_claimed_flags jsonb := '[]';
  v_accepted_flags jsonb := '[]';
  v_borrower text;
  v_item jsonb;
  v_prev text;
  v_hash text;
  v_apps jsonb := '[]';
  v_reviews jsonb := '[]';
  v_decisions jsonb := '[]';
  v_responses jsonb := '[]';
  v_released jsonb := '[]';
  v_written jsonb := '[]';
  v_is_claimed boolean;
BEGIN
  PERFORM set_config('synchronous_commit', 'off', true);

  WITH c AS (
    INSERT INTO idempotency_keys (scope, key, request_hash, created_at)
    SELECT i->>'scope', i->>'key', i->>'requestHash', (i->>'createdAt')::timestamptz FROM jsonb_array_elements(v_items) AS i
    ON CONFLICT DO NOTHING RETURNING scope, key)
  SELECT coalesce(array_agg(c.scope || ' ' || c.key), '{}') INTO v_claimed FROM c;

  -- Byte order (COLLATE "C"), as the TypeScript writer sorts: one order for every writer.
  FOR v_borrower IN
    SELECT b FROM (SELECT DISTINCT i->>'borrowerId' AS b FROM jsonb_array_elements(v_items) AS i
                    WHERE (i->>'scope') || ' ' || (i->>'key') = ANY (v_claimed)) AS s ORDER BY b COLLATE "C"
  LOOP
    PERFORM pg_advisory_xact_lock(4242041, hashtext(v_borrower)); -- BORROWER_LOCK_SPACE
  END LOOP;
  PERFORM pg_advisory_xact_lock(4242040); -- DECISION_CHAIN_LOCK

  v_prev := coalesce((SELECT hash FROM decisions ORDER BY seq DESC LIMIT 1), repeat('0', 64));
  FOR k IN 0 .. v_n - 1 LOOP
    v_item := v_items->k;
    v_is_claimed := (v_item->>'scope') || ' ' || (v_item->>'key') = ANY (v_claimed);
    v_claimed_flags := v_claimed_flags || to_jsonb(v_is_claimed);
    IF NOT v_is_claimed THEN
      v_accepted_flags := v_accepted_flags || 'false'::jsonb;
    ELSIF borrower_exposure_fen(v_item->>'borrowerId') <> (v_item->>'exposureBeforeFen')::bigint THEN
      v_accepted_flags := v_accepted_flags || 'false'::jsonb;
      v_released := v_released || jsonb_build_object('scope', v_item->>'scope', 'key', v_item->>'key');
    ELSE
      v_accepted_flags := v_accepted_flags || 'true'::jsonb;
      v_hash := encode(sha256(convert_to((v_item->>'hashPrefix') || v_prev || (v_item->>'hashSuffix'), 'UTF8')), 'hex');
      v_decisions := v_decisions || jsonb_build_array((v_item->'decision') || jsonb_build_object('prev_hash', v_prev, 'hash', v_hash));
      v_prev := v_hash;
      v_apps := v_apps || jsonb_build_array(v_item->'application');
      IF jsonb_typeof(v_item->'review') = 'object' THEN
        v_reviews := v_reviews || jsonb_build_array(v_item->'review');
      END IF;
      v_responses := v_responses || jsonb_build_object('scope', v_item->>'scope', 'key', v_item->>'key', 'status', v_item->'status', 'body', v_item->'body');
    END IF;
  END LOOP;

  IF jsonb_array_length(v_apps) > 0 THEN
    EXECUTE format('INSERT INTO loan_applications (%1$s) SELECT %1$s FROM jsonb_populate_recordset(NULL::loan_applications, $1)',
                   (SELECT string_agg(quote_ident(c), ', ') FROM jsonb_array_elements_text(p->'columns'->'applications') AS c)) USING v_apps;
  END IF;
  IF jsonb_array_length(v_reviews) > 0 THEN
    EXECUTE format('INSERT INTO manual_reviews (%1$s) SELECT %1$s FROM jsonb_populate_recordset(NULL::manual_reviews, $1)',
                   (SELECT string_agg(quote_ident(c), ', ') FROM jsonb_array_elements_text(p->'columns'->'reviews') AS c)) USING v_reviews;
  END IF;
  IF jsonb_array_length(v_decisions) > 0 THEN
    -- Inserted in chain order, so seq follows the chain (the verifier walks seq order).
    EXECUTE format('WITH ins AS (INSERT INTO decisions (%1$s) SELECT %1$s FROM jsonb_populate_recordset(NULL::decisions, $1) RETURNING id, seq)
                    SELECT coalesce(jsonb_agg(jsonb_build_object(''id'', id, ''seq'', seq::text) ORDER BY seq), ''[]'') FROM ins',
                   (SELECT string_agg(quote_ident(c), ', ') FROM jsonb_array_elements_text(p->'columns'->'decisions') AS c) || ', prev_hash, hash')
      INTO v_written USING v_decisions;
    IF (SELECT jsonb_agg(w->'id') FROM jsonb_array_elements(v_written) AS w) IS DISTINCT FROM (SELECT jsonb_agg(d->'id') FROM jsonb_array_elements(v_decisions) AS d) THEN
      RAISE EXCEPTION 'decision_write_batch: decisions were not inserted in chain order';
    END IF;
  END IF;
  UPDATE idempotency_keys k SET response_status = (r->>'status')::int, response_body = r->'body'
    FROM jsonb_array_elements(v_responses) AS r WHERE k.scope = r->>'scope' AND k.key = r->>'key';
  DELETE FROM idempotency_keys k USING jsonb_array_elements(v_released) AS r WHERE k.scope = r->>'scope' AND k.key = r->>'key';

  RETURN jsonb_build_object('claimed', v_claimed_flags, 'accepted', v_accepted_flags, 'decisions', v_written);
END;
$$ LANGUAGE plpgsql;
