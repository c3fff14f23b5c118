-- The amount joins the (account, date) index of postings, so the sums that read every posting
-- of an account read the index alone, without looking up each posting's row: `hamyar ledger
-- verify` recomputing 214 balances over 2,000,000 postings took 2.0 s of processor time and
-- takes 0.09 s (issue 5's benchmark, docs/BENCHMARKS.md), and a balance as of a date is a
-- range of that index only. Must describe the same tables and columns as
-- migrations/postgres/0012_ledger_bench_postings_amount_in_index.sql.

DROP INDEX ledger_postings_account_effective_on;

CREATE INDEX ledger_postings_account_effective_on
    ON ledger_postings (account_id, effective_on, amount_rials);
