-- The amount joins the (account, date) index of postings as an included column, so the sums
-- that read every posting of an account can be index-only scans: see
-- migrations/sqlite/0012_ledger_bench_postings_amount_in_index.sql for the figures (issue 5's
-- benchmark, docs/BENCHMARKS.md). Must describe the same tables and columns as that file.

DROP INDEX ledger_postings_account_effective_on;

CREATE INDEX ledger_postings_account_effective_on
    ON ledger_postings (account_id, effective_on) INCLUDE (amount_rials);
