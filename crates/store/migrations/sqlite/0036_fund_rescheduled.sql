-- Must describe the same index as the other engine's 0036_fund_rescheduled.sql.
-- The schedule versions after the first, by loan and the day each came into force: which
-- version is in force on a day is then the first (most loans are never rescheduled) unless
-- this small index names a later one, so a province's or the country's report
-- (`FundRepo::fund_county_loans`) does not read every loan's instalments to learn it.
-- Issue 20's national benchmark (docs/BENCHMARKS.md). IF NOT EXISTS: the benchmark's
-- databases were given it by hand while it was measured.
CREATE INDEX IF NOT EXISTS fund_instalments_rescheduled
    ON fund_instalments (loan_id, effective_on, version)
    WHERE version > 1;
