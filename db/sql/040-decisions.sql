-- Decision records are append-only (REQUIREMENTS 10): the hash chain is verified on top.
SELECT make_append_only('decisions');
