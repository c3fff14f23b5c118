-- Must describe the same index as the other engine's 0037_fund_loans_cycle.sql.
-- A cycle's loans, in id order (`FundRepo::fund_loans_of_cycle`, and their guarantors
-- joined by cycle): the meeting screen reads them twice per save. Without it both engines
-- read every loan in the country — issue 20's benchmark found a meeting of 15 saved in
-- 80–145 ms on PostgreSQL instead of under 50 (docs/BENCHMARKS.md). IF NOT EXISTS: the
-- benchmark's databases were given it by hand while it was measured.
CREATE INDEX IF NOT EXISTS fund_loans_cycle ON fund_loans (cycle_id, id);
