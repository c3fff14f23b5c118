-- Must describe the same index as the other engine's 0034_fund_loan_sums.sql.
-- What each loan was paid back or forgiven up to a day (`FundRepo::fund_loans_at` on
-- SQLite, looked up loan by loan) read from this index alone: the loan's repayment and
-- write-off lines by day with their amounts and places, no table rows. Issue 20's national
-- benchmark (`store/examples/fund_bench.rs`, docs/BENCHMARKS.md).
CREATE INDEX fund_entries_loan_sums
    ON fund_entries (loan_id, kind, happened_on, amount_rials, province_id, county_id)
    WHERE loan_id IS NOT NULL;
