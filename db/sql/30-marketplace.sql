-- Marketplace (lending/marketplace): consents and disclosure openings are evidence, never edited.
SELECT make_append_only('contract_consents');
SELECT make_append_only('disclosure_openings');

-- An investor's exposure: open holds by (listing, borrower), and the outstanding principal of
-- loans held (listing and borrower NULL). Posted bids have become loan holdings, so only held
-- bids count. VOLATILE and PL/pgSQL (never inlined) on purpose: its query takes a fresh
-- snapshot when it runs. A bid batch calls it in the same statement that locks the investors'
-- accounts, after them; had the statement waited for a lock, its own snapshot (taken before the
-- wait) would miss the bids the lock holder committed, and a tier limit could be exceeded.
-- A custom plan per call (~50 µs): a cached generic plan made while `bids` was small seq-scanned
-- the whole table on every batch once it had grown (2.3 ms a call at 26,000 bids).
CREATE OR REPLACE FUNCTION marketplace_investor_exposure(p_investor_ids text[])
RETURNS TABLE (investor_id text, listing_id text, borrower_id text, fen bigint) AS $$
BEGIN
  RETURN QUERY
    SELECT b.investor_id, b.listing_id, b.borrower_id, sum(b.amount_fen)::bigint FROM bids b
     WHERE b.investor_id = ANY(p_investor_ids) AND b.status = 'held' GROUP BY b.investor_id, b.listing_id, b.borrower_id
    UNION ALL
    SELECT h.investor_id, NULL, NULL, sum(h.outstanding_principal_fen)::bigint FROM loan_holdings h
     WHERE h.investor_id = ANY(p_investor_ids) GROUP BY h.investor_id;
END;
$$ LANGUAGE plpgsql VOLATILE SET plan_cache_mode = force_custom_plan;
