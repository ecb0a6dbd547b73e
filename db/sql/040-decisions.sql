-- Decision records are append-only (REQUIREMENTS 10): the hash chain is verified on top.
SELECT make_append_only('decisions');

-- A borrower's exposure on this platform (IM 17 caps), the one definition shared by the
-- decision's read (feature-store/exposure-source.ts) and the writer's re-check below: principal
-- outstanding on loans; open or funded (not yet disbursed) listings; approved applications
-- created up to p_as_of that have no listing yet. A single-SELECT SQL function, so PostgreSQL
-- inlines it into the calling query (no function call, the caller's plan uses the indexes).
CREATE OR REPLACE FUNCTION platform_borrower_exposure(p_borrower text, p_as_of timestamptz)
RETURNS TABLE (outstanding_fen bigint, pending_fen bigint) AS $$
  SELECT
    (SELECT coalesce(sum(l.principal_outstanding_fen), 0)::bigint FROM loans l WHERE l.borrower_id = p_borrower),
    (SELECT coalesce(sum(s.amount_fen), 0)::bigint FROM listings s WHERE s.borrower_id = p_borrower AND s.status IN ('open', 'funded'))
      + (SELECT coalesce(sum(a.offered_amount_fen), 0)::bigint FROM loan_applications a
         WHERE a.borrower_id = p_borrower AND a.status = 'approved' AND a.created_at <= p_as_of
           AND NOT EXISTS (SELECT 1 FROM listings x WHERE x.application_id = a.id))
$$ LANGUAGE sql STABLE;

-- Column k (0 features, 1 rule_results, 2 scores) of item i of decision_write_batch, as json: a
-- slice of the sealed bytes, validated as UTF-8 and as JSON, never re-encoded.
CREATE OR REPLACE FUNCTION decision_sealed_json(p_sealed bytea, p_ranges int[], p_item int, p_column int) RETURNS json AS $$
  SELECT convert_from(substring(p_sealed FROM p_ranges[6 * (p_item - 1) + 2 * p_column + 1] + 1 FOR p_ranges[6 * (p_item - 1) + 2 * p_column + 2]), 'UTF8')::json
$$ LANGUAGE sql STABLE;

DROP FUNCTION IF EXISTS decision_write_batch(int, bigint, text[], text[], text[], timestamptz[], int[], text[], text[], bigint[], bigint[], jsonb, jsonb, jsonb, bytea, int[], int[], int[]);

-- One batch of decided applications written in ONE call (decision-engine/decision-writer.ts):
-- sent on its own it is its own transaction, so a batch costs one round trip, not BEGIN, three
-- statements and COMMIT. Item i (1-based) is the i-th element of every array and of the three
-- jsonb arrays (rows keyed by column name; a review is JSON null when there is none; a decision
-- row without seq, prev_hash, hash, features, rule_results and scores). A decision's sealed
-- canonical text (decision-chain.ts, sealDecisionRecord) is UTF-8 bytes p_sealed[p_offsets[i] + 1 ..]:
-- p_prefix_lengths[i] bytes before the open prevHash value and the rest after it, p_lengths[i]
-- bytes in all. Its features, rule_results and scores are slices of those bytes, stored as json
-- text as they are (only validated: see db/schema/decisions.ts): p_text_ranges holds six numbers
-- per item, from 6(i - 1) + 1, an offset into p_sealed and a length for each of the three.
--   1. Claim every Idempotency-Key with its response (ON CONFLICT: a retry, answered 'replay').
--   2. Lock the claimed items' borrowers in sorted order, then the decision chain (held to
--      commit; the commit is durable, one WAL flush per batch, see chainLockSql in decision-chain.ts).
--   3. Re-read each claimed borrower's exposure: each statement of a VOLATILE function takes a
--      fresh snapshot, so what committed while we waited for a lock counts. Unless given
--      (p_exposure_now, read by a replaced exposure source under the same locks), it is
--      platform_borrower_exposure. An item whose exposure moved since its features were read
--      is refused ('conflict') and its key released: the caller retries it.
--   4. Chain the accepted records after the head: hash = sha256(prefix || '"' || prev || '"'
--      || suffix), the text decisionRowHash hashes; seq is taken in chain order. (The writer's
--      tests verify the chain read back, so the row and its sealed text cannot drift apart.)
--   5. Insert the applications, referrals and decision records.
-- Returns one row per item: 'written' (with its seq), 'conflict' or 'replay'.
-- Generic plans throughout (SET plan_cache_mode): with the batch's arrays known, a custom plan
-- estimates unnest() at its real length (often 1) and so always looks cheaper than the generic
-- plan's 10 rows; PostgreSQL then re-plans the exposure statement on every call, which cost more
-- than all of the function's inserts (pg_stat_statements with track_planning: 0.34 ms of planning
-- for 0.03 ms of execution).
CREATE OR REPLACE FUNCTION decision_write_batch(
  p_borrower_lock_space int, p_chain_lock bigint,
  p_scopes text[], p_keys text[], p_request_hashes text[], p_created_at timestamptz[], p_statuses int[], p_bodies text[],
  p_borrowers text[], p_exposure_before bigint[], p_exposure_now bigint[],
  p_applications jsonb, p_reviews jsonb, p_decisions jsonb,
  p_sealed bytea, p_offsets int[], p_prefix_lengths int[], p_lengths int[], p_text_ranges int[])
RETURNS TABLE (item int, result text, seq bigint) AS $$
DECLARE
  n int := coalesce(cardinality(p_keys), 0);
  claimed int[];
  exposure_fen bigint[];
  accepted int[] := '{}';
  conflicts int[] := '{}';
  seqs bigint[] := '{}';
  prevs text[] := '{}';
  hashes text[] := '{}';
  h text;
  prev text;
  b text;
  i int;
  s bigint;
BEGIN
  IF n = 0 THEN RETURN; END IF;
  IF cardinality(p_scopes) <> n OR cardinality(p_borrowers) <> n OR cardinality(p_exposure_before) <> n OR cardinality(p_offsets) <> n
     OR cardinality(p_prefix_lengths) <> n OR cardinality(p_lengths) <> n OR cardinality(p_statuses) <> n OR cardinality(p_bodies) <> n
     OR cardinality(p_request_hashes) <> n OR cardinality(p_created_at) <> n OR jsonb_array_length(p_applications) <> n
     OR jsonb_array_length(p_reviews) <> n OR jsonb_array_length(p_decisions) <> n OR (p_exposure_now IS NOT NULL AND cardinality(p_exposure_now) <> n)
     OR coalesce(cardinality(p_text_ranges), 0) <> 6 * n THEN
    RAISE EXCEPTION 'decision_write_batch: every argument must have one element per item (% items)', n;
  END IF;
  IF EXISTS (SELECT 1 FROM generate_series(1, n) AS g, generate_series(0, 2) AS c
             WHERE p_text_ranges[6 * (g - 1) + 2 * c + 1] < p_offsets[g] OR p_text_ranges[6 * (g - 1) + 2 * c + 2] < 0
                OR p_text_ranges[6 * (g - 1) + 2 * c + 1] + p_text_ranges[6 * (g - 1) + 2 * c + 2] > p_offsets[g] + p_lengths[g]) THEN
    RAISE EXCEPTION 'decision_write_batch: a JSON column''s range lies outside its own sealed record';
  END IF;
  IF (SELECT count(DISTINCT (u.s, u.k)) FROM unnest(p_scopes, p_keys) AS u(s, k)) <> n THEN
    RAISE EXCEPTION 'decision_write_batch: an Idempotency-Key appears twice in one batch';
  END IF;

  WITH c AS (
    INSERT INTO idempotency_keys (scope, key, request_hash, response_status, response_body, created_at)
    SELECT u.s, u.k, u.rh, u.st, u.body::jsonb, u.created FROM unnest(p_scopes, p_keys, p_request_hashes, p_statuses, p_bodies, p_created_at) AS u(s, k, rh, st, body, created)
    ON CONFLICT DO NOTHING RETURNING scope, key)
  SELECT coalesce(array_agg(u.o ORDER BY u.o), '{}') INTO claimed FROM c JOIN unnest(p_scopes, p_keys) WITH ORDINALITY AS u(s, k, o) ON c.scope = u.s AND c.key = u.k;
  IF cardinality(claimed) = 0 THEN
    RETURN QUERY SELECT g::int, 'replay'::text, NULL::bigint FROM generate_series(1, n) AS g;
    RETURN;
  END IF;

  FOR b IN SELECT DISTINCT p_borrowers[o] AS x FROM unnest(claimed) AS o ORDER BY x LOOP
    PERFORM pg_advisory_xact_lock(p_borrower_lock_space, hashtext(b));
  END LOOP;
  PERFORM pg_advisory_xact_lock(p_chain_lock);

  IF p_exposure_now IS NULL THEN
    SELECT array_agg((SELECT e.outstanding_fen + e.pending_fen FROM platform_borrower_exposure(p_borrowers[o], 'infinity') AS e) ORDER BY o)
      INTO exposure_fen FROM unnest(claimed) AS o;
  ELSE
    SELECT array_agg(p_exposure_now[o] ORDER BY o) INTO exposure_fen FROM unnest(claimed) AS o;
  END IF;
  FOR i IN 1 .. cardinality(claimed) LOOP
    IF exposure_fen[i] = p_exposure_before[claimed[i]] THEN accepted := accepted || claimed[i];
    ELSE conflicts := conflicts || claimed[i];
    END IF;
  END LOOP;
  IF cardinality(conflicts) > 0 THEN
    DELETE FROM idempotency_keys k USING unnest(conflicts) AS o WHERE k.scope = p_scopes[o] AND k.key = p_keys[o];
  END IF;

  IF cardinality(accepted) > 0 THEN
    h := coalesce((SELECT d.hash FROM decisions d ORDER BY d.seq DESC LIMIT 1), repeat('0', 64));
    FOREACH i IN ARRAY accepted LOOP
      prev := h;
      h := encode(sha256(substring(p_sealed FROM p_offsets[i] + 1 FOR p_prefix_lengths[i]) || convert_to('"' || prev || '"', 'UTF8')
        || substring(p_sealed FROM p_offsets[i] + p_prefix_lengths[i] + 1 FOR p_lengths[i] - p_prefix_lengths[i])), 'hex');
      s := nextval(pg_get_serial_sequence('decisions', 'seq'));
      seqs := seqs || s;
      prevs := prevs || prev;
      hashes := hashes || h;
    END LOOP;
    INSERT INTO loan_applications SELECT r.* FROM unnest(accepted) AS o, LATERAL jsonb_populate_record(NULL::loan_applications, p_applications -> (o - 1)) AS r;
    INSERT INTO manual_reviews SELECT r.* FROM unnest(accepted) AS o, LATERAL jsonb_populate_record(NULL::manual_reviews, p_reviews -> (o - 1)) AS r
      WHERE jsonb_typeof(p_reviews -> (o - 1)) = 'object';
    -- Columns named one by one: the row's JSON has the scalar ones, the chain computed the
    -- chain's, and the three large JSON values are the sealed text itself.
    INSERT INTO decisions (seq, id, application_id, borrower_id, kind, decided_at, decided_by, input_hash, feature_set_version, features,
        policy_rule_set_id, fraud_rule_set_id, credit_model_version, fraud_model_version, rule_results, scores, outcome, grade, pd, limit_fen,
        offered_amount_fen, apr_bps, nominal_rate_bps, upfront_fee_fen, reasons, shadow, note, prev_hash, hash)
      SELECT x.s, r.id, r.application_id, r.borrower_id, r.kind, r.decided_at, r.decided_by, r.input_hash, r.feature_set_version, decision_sealed_json(p_sealed, p_text_ranges, x.o, 0),
        r.policy_rule_set_id, r.fraud_rule_set_id, r.credit_model_version, r.fraud_model_version, decision_sealed_json(p_sealed, p_text_ranges, x.o, 1), decision_sealed_json(p_sealed, p_text_ranges, x.o, 2), r.outcome, r.grade, r.pd, r.limit_fen,
        r.offered_amount_fen, r.apr_bps, r.nominal_rate_bps, r.upfront_fee_fen, r.reasons, r.shadow, r.note, x.p, x.h
      FROM unnest(accepted, seqs, prevs, hashes) AS x(o, s, p, h),
        LATERAL jsonb_populate_record(NULL::decisions, p_decisions -> (x.o - 1)) AS r;
  END IF;

  RETURN QUERY SELECT g::int,
    CASE WHEN g = ANY (accepted) THEN 'written' WHEN g = ANY (conflicts) THEN 'conflict' ELSE 'replay' END,
    seqs[array_position(accepted, g)]
  FROM generate_series(1, n) AS g;
END;
$$ LANGUAGE plpgsql VOLATILE SET plan_cache_mode = force_generic_plan;
