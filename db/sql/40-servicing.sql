-- Servicing and disclosures: the books of what was paid, the delinquency history, every
-- collection interaction and every published snapshot can only be appended to.
SELECT make_append_only('loan_repayments');
SELECT make_append_only('repayment_distributions');
SELECT make_append_only('delinquency_transitions');
SELECT make_append_only('collection_interactions');
SELECT make_append_only('disclosure_snapshots');
SELECT make_append_only('fee_schedules');
SELECT make_append_only('repayment_parts');
