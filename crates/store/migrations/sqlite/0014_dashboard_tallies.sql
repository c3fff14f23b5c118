-- Dashboards at national scale (issue 6) read kept tallies instead of adding up every row of
-- the country on each request, the way `ledger_balances` keeps account balances.
--
-- `dashboard_events` is a read model derived from the groups' and women's own rows: each
-- group's moves between stages (+1 into a stage on the day of the move, -1 out of it on the
-- day of the next move), its registration and end, its visits and business months, and each
-- woman's days as a member (per county, per province and over the country, so that a woman
-- in two groups counts once). A row belongs to one owner (a group or a woman) and is replaced
-- whenever that owner's rows change (`dashboard::tallies`). `dashboard_tallies` holds the
-- same numbers summed per Jalali month (`year * 100 + month`) and place; a dashboard reads
-- whole months from the tallies and the days at the edges of its span from the events.
-- `dashboard_tally_state` records that the tallies were built from the rows present, so a
-- database upgraded from before this migration is filled once when it is next opened.
-- `ledger_account_months` and `ledger_account_days` sum each account's postings per Jalali
-- month and per day, kept by the same writes as `ledger_balances`, so a dashboard over a
-- past span reads whole months and, at a cut month's edges, days, never the postings.
-- Must describe the same tables and columns as the file of the other engine.

CREATE TABLE dashboard_events (
    owner_kind TEXT NOT NULL CHECK (owner_kind IN ('group', 'woman')),
    owner_id INTEGER NOT NULL,
    measure TEXT NOT NULL,
    code TEXT NOT NULL,
    province_id INTEGER NOT NULL,
    county_id INTEGER NOT NULL,
    day TEXT NOT NULL,
    n INTEGER NOT NULL,
    a INTEGER NOT NULL,
    b INTEGER NOT NULL,
    PRIMARY KEY (owner_kind, owner_id, measure, code, province_id, county_id, day)
) WITHOUT ROWID;

CREATE INDEX dashboard_events_day
    ON dashboard_events (measure, day, province_id, county_id, code, owner_id, n, a, b);

CREATE TABLE dashboard_tallies (
    measure TEXT NOT NULL,
    month INTEGER NOT NULL,
    province_id INTEGER NOT NULL,
    county_id INTEGER NOT NULL,
    code TEXT NOT NULL,
    n INTEGER NOT NULL,
    a INTEGER NOT NULL,
    b INTEGER NOT NULL,
    PRIMARY KEY (measure, month, province_id, county_id, code)
) WITHOUT ROWID;

CREATE TABLE dashboard_tally_state (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    built_at TEXT NOT NULL
);

CREATE TABLE ledger_account_months (
    account_id INTEGER NOT NULL REFERENCES ledger_accounts (id),
    month INTEGER NOT NULL,
    amount_rials INTEGER NOT NULL,
    posting_count INTEGER NOT NULL,
    -- WITHOUT ROWID: the rows live in the key's b-tree, so sums read it alone.
    PRIMARY KEY (account_id, month)
) WITHOUT ROWID;

CREATE TABLE ledger_account_days (
    account_id INTEGER NOT NULL REFERENCES ledger_accounts (id),
    day TEXT NOT NULL,
    amount_rials INTEGER NOT NULL,
    posting_count INTEGER NOT NULL,
    PRIMARY KEY (account_id, day)
) WITHOUT ROWID;
