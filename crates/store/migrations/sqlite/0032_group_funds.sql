-- The group fund (issue 20). Must describe the same tables and columns as
-- migrations/postgres/0032_group_funds.sql (checked by tests/migrations_agree.rs).
--
-- The fund is the women's own money, not Behzisti's. Each group with a fund has a book of its
-- own on the one double-entry ledger: its accounts carry `fund_group_id` (the programme's chart
-- leaves it empty), so `hamyar ledger verify` checks the books of every group with the rest
-- and nothing in them is edited, only reversed.
--
-- Beside the ledger, `fund_entries` is the fund's journal by member: one row per thing that
-- happened to one woman's money (shares bought, a repayment, a loan given, a fine…) or to the
-- group's (cash counted short, money taken to the bank), with the day it happened and the
-- ledger transaction that booked it. Metrics are computed from the journal and the export is
-- the journal, so anyone can recompute them. A meeting's marks of presence are journal rows
-- too (kinds `present` and `absent`, amount 0), because attendance is one of the metrics.

ALTER TABLE ledger_accounts ADD COLUMN fund_group_id INTEGER NULL REFERENCES hamyar_groups (id);
CREATE INDEX ledger_accounts_fund_group ON ledger_accounts (fund_group_id);

CREATE TABLE fund_cycles (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    group_id INTEGER NOT NULL REFERENCES hamyar_groups (id),
    province_id INTEGER NOT NULL REFERENCES places (id),
    county_id INTEGER NOT NULL REFERENCES places (id),
    number INTEGER NOT NULL CHECK (number >= 1),
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    share_value_rials INTEGER NOT NULL CHECK (share_value_rials > 0),
    max_shares INTEGER NOT NULL CHECK (max_shares BETWEEN 1 AND 10),
    meeting_every TEXT NOT NULL CHECK (meeting_every IN ('weekly', 'fortnightly', 'monthly')),
    fee_basis_points INTEGER NOT NULL CHECK (fee_basis_points BETWEEN 0 AND 1000),
    loan_limit_multiple INTEGER NOT NULL CHECK (loan_limit_multiple BETWEEN 1 AND 10),
    max_term_months INTEGER NOT NULL CHECK (max_term_months BETWEEN 1 AND 24),
    social_rials INTEGER NOT NULL CHECK (social_rials >= 0),
    rules TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('open', 'shared_out')),
    shared_out_on TEXT NULL,
    created_by INTEGER NULL REFERENCES users (id),
    created_by_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    CHECK (ends_on > starts_on),
    CHECK ((state = 'shared_out') = (shared_out_on IS NOT NULL)),
    UNIQUE (group_id, number)
);

CREATE UNIQUE INDEX fund_cycles_open ON fund_cycles (group_id) WHERE state = 'open';
CREATE INDEX fund_cycles_place ON fund_cycles (province_id, county_id, id);

CREATE TABLE fund_meetings (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    cycle_id INTEGER NOT NULL REFERENCES fund_cycles (id),
    group_id INTEGER NOT NULL REFERENCES hamyar_groups (id),
    province_id INTEGER NOT NULL REFERENCES places (id),
    county_id INTEGER NOT NULL REFERENCES places (id),
    number INTEGER NOT NULL CHECK (number >= 1),
    held_on TEXT NOT NULL,
    cash_before_rials INTEGER NOT NULL,
    cash_expected_rials INTEGER NOT NULL,
    cash_counted_rials INTEGER NOT NULL CHECK (cash_counted_rials >= 0),
    difference_rials INTEGER NOT NULL,
    ledger_transaction_id INTEGER NULL REFERENCES ledger_transactions (id),
    idempotency_key TEXT NOT NULL UNIQUE,
    note TEXT NOT NULL,
    recorded_by INTEGER NULL REFERENCES users (id),
    recorded_by_name TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    CHECK (difference_rials = cash_counted_rials - cash_expected_rials),
    UNIQUE (cycle_id, number),
    UNIQUE (cycle_id, held_on)
);

CREATE INDEX fund_meetings_group ON fund_meetings (group_id, held_on);

CREATE TABLE fund_lotteries (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    cycle_id INTEGER NOT NULL REFERENCES fund_cycles (id),
    group_id INTEGER NOT NULL REFERENCES hamyar_groups (id),
    province_id INTEGER NOT NULL REFERENCES places (id),
    county_id INTEGER NOT NULL REFERENCES places (id),
    drawn_on TEXT NOT NULL,
    seed TEXT NOT NULL,
    candidates TEXT NOT NULL,
    seats INTEGER NOT NULL CHECK (seats >= 1),
    winners TEXT NOT NULL,
    drawn_by INTEGER NULL REFERENCES users (id),
    drawn_by_name TEXT NOT NULL,
    drawn_at TEXT NOT NULL
);

CREATE INDEX fund_lotteries_cycle ON fund_lotteries (cycle_id, id);

CREATE TABLE fund_loans (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    cycle_id INTEGER NOT NULL REFERENCES fund_cycles (id),
    group_id INTEGER NOT NULL REFERENCES hamyar_groups (id),
    woman_id INTEGER NOT NULL REFERENCES women (id),
    province_id INTEGER NOT NULL REFERENCES places (id),
    county_id INTEGER NOT NULL REFERENCES places (id),
    meeting_id INTEGER NOT NULL REFERENCES fund_meetings (id),
    disbursed_on TEXT NOT NULL,
    principal_rials INTEGER NOT NULL CHECK (principal_rials > 0),
    fee_rials INTEGER NOT NULL CHECK (fee_rials >= 0),
    term_months INTEGER NOT NULL CHECK (term_months BETWEEN 1 AND 24),
    allocation TEXT NOT NULL CHECK (allocation IN ('turn', 'lottery')),
    lottery_id INTEGER NULL REFERENCES fund_lotteries (id),
    state TEXT NOT NULL CHECK (state IN ('active', 'repaid', 'written_off')),
    closed_on TEXT NULL,
    write_off_reason TEXT NULL,
    CHECK ((allocation = 'lottery') = (lottery_id IS NOT NULL)),
    CHECK ((state = 'active') = (closed_on IS NULL))
);

CREATE INDEX fund_loans_group ON fund_loans (group_id, disbursed_on);
CREATE INDEX fund_loans_woman ON fund_loans (woman_id, id);
CREATE INDEX fund_loans_place ON fund_loans (province_id, county_id, disbursed_on);
CREATE UNIQUE INDEX fund_loans_lottery_winner ON fund_loans (lottery_id, woman_id)
    WHERE lottery_id IS NOT NULL;

CREATE TABLE fund_loan_guarantors (
    loan_id INTEGER NOT NULL REFERENCES fund_loans (id),
    woman_id INTEGER NOT NULL REFERENCES women (id),
    PRIMARY KEY (loan_id, woman_id)
);

-- A loan's schedule, in versions: the first is written with the loan; a rescheduling writes
-- the next version, in force from its `effective_on`, and the earlier ones stay, so a report
-- as of an earlier day reads the schedule that was in force then.
CREATE TABLE fund_instalments (
    loan_id INTEGER NOT NULL REFERENCES fund_loans (id),
    version INTEGER NOT NULL CHECK (version >= 1),
    effective_on TEXT NOT NULL,
    number INTEGER NOT NULL CHECK (number >= 1),
    due_on TEXT NOT NULL,
    amount_rials INTEGER NOT NULL CHECK (amount_rials > 0),
    reason TEXT NOT NULL,
    PRIMARY KEY (loan_id, version, number)
);

CREATE TABLE fund_share_outs (
    cycle_id INTEGER PRIMARY KEY NOT NULL REFERENCES fund_cycles (id),
    group_id INTEGER NOT NULL REFERENCES hamyar_groups (id),
    province_id INTEGER NOT NULL REFERENCES places (id),
    county_id INTEGER NOT NULL REFERENCES places (id),
    held_on TEXT NOT NULL,
    distributable_rials INTEGER NOT NULL CHECK (distributable_rials >= 0),
    total_shares INTEGER NOT NULL CHECK (total_shares >= 0),
    ledger_transaction_id INTEGER NULL REFERENCES ledger_transactions (id),
    recorded_by INTEGER NULL REFERENCES users (id),
    recorded_by_name TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);

CREATE TABLE fund_entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    group_id INTEGER NOT NULL REFERENCES hamyar_groups (id),
    cycle_id INTEGER NOT NULL REFERENCES fund_cycles (id),
    province_id INTEGER NOT NULL REFERENCES places (id),
    county_id INTEGER NOT NULL REFERENCES places (id),
    meeting_id INTEGER NULL REFERENCES fund_meetings (id),
    loan_id INTEGER NULL REFERENCES fund_loans (id),
    woman_id INTEGER NULL REFERENCES women (id),
    kind TEXT NOT NULL CHECK (kind IN ('present', 'absent', 'savings', 'social', 'fine',
        'repayment', 'disbursement', 'fee', 'write_off', 'cash_difference', 'to_bank',
        'profit', 'payout')),
    shares INTEGER NOT NULL CHECK (shares >= 0),
    amount_rials INTEGER NOT NULL,
    happened_on TEXT NOT NULL,
    ledger_transaction_id INTEGER NULL REFERENCES ledger_transactions (id)
);

CREATE INDEX fund_entries_group ON fund_entries (group_id, happened_on, kind);
CREATE INDEX fund_entries_place ON fund_entries (province_id, county_id, happened_on);
CREATE INDEX fund_entries_loan ON fund_entries (loan_id, happened_on) WHERE loan_id IS NOT NULL;
CREATE INDEX fund_entries_woman ON fund_entries (woman_id, id) WHERE woman_id IS NOT NULL;
-- The journal's sums by group and kind for a period (`FundRepo::fund_kind_sums`) read this
-- index alone and in its order, grouped by place, group and kind, for a county, a province
-- or the country: no table rows, no sort.
CREATE INDEX fund_entries_sums
    ON fund_entries (province_id, county_id, group_id, kind, happened_on, amount_rials);
