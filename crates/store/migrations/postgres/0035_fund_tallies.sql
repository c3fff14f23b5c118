-- Must describe the same tables and columns as the other engine's 0035_fund_tallies.sql.
-- The fund's journal summed per county, kind and Jalali month (`fund_entry_months`) and per
-- day (`fund_entry_days`), kept by `FundRepo::insert_fund_entries` in the transaction that
-- writes the lines, so a province's or the country's savings-group report reads whole months
-- and, where its period cuts a month, that month's days, never the millions of lines (issue
-- 20's national benchmark, docs/BENCHMARKS.md). A line counts where it was booked: its own
-- province and county. `AnyStore::migrate` fills both from the journal when it has lines and
-- they are empty (a database from before this migration).
CREATE TABLE fund_entry_months (
    province_id BIGINT NOT NULL,
    county_id BIGINT NOT NULL,
    kind TEXT COLLATE "C" NOT NULL,
    month BIGINT NOT NULL,
    amount_rials BIGINT NOT NULL,
    line_count BIGINT NOT NULL,
    PRIMARY KEY (province_id, county_id, kind, month) INCLUDE (amount_rials, line_count)
);

CREATE TABLE fund_entry_days (
    day TEXT COLLATE "C" NOT NULL,
    province_id BIGINT NOT NULL,
    county_id BIGINT NOT NULL,
    kind TEXT COLLATE "C" NOT NULL,
    amount_rials BIGINT NOT NULL,
    line_count BIGINT NOT NULL,
    PRIMARY KEY (day, province_id, county_id, kind) INCLUDE (amount_rials, line_count)
);
