-- Marketplace (lending/marketplace): consents and disclosure openings are evidence, never edited.
SELECT make_append_only('contract_consents');
SELECT make_append_only('disclosure_openings');
