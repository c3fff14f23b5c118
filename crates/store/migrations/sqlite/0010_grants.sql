-- Grants for SQLite. Must describe the same tables and columns as
-- migrations/postgres/0010_grants.sql (checked by tests/migrations_agree.rs).
--
-- A grant (کمک بلاعوض) is non-repayable money to exactly one recipient — a Hamyar group or a
-- woman — drawn from one budget line of category `grant` (the application checks the
-- category), paid in one or more tranches whose amounts sum to the grant's total. Each
-- tranche carries its release conditions as JSON text (a list of {"code", "days"?}); the
-- approval keeps the judged conditions (JSON text) beside the ledger transaction that
-- committed it, and the payment its own. Cancelling reverses those transactions on the
-- ledger; the ids here keep pointing at the originals. The grant's status is derived from
-- its tranches by the application and stored for lists. Rows are changed only by the grant
-- use-cases, each in one transaction with its audit rows; a tranche's status is changed with
-- "WHERE status = <the status read>", and an approval first locks the tranche's row
-- (SQLite: writers already run one at a time), so of two concurrent approvals exactly one wins.

CREATE TABLE grants (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    budget_line_id INTEGER NOT NULL REFERENCES budget_lines (id),
    fiscal_year INTEGER NOT NULL CHECK (fiscal_year BETWEEN 1300 AND 1600),
    province_id INTEGER NOT NULL REFERENCES places (id),
    county_id INTEGER NOT NULL REFERENCES places (id),
    group_id INTEGER NULL REFERENCES hamyar_groups (id),
    woman_id INTEGER NULL REFERENCES women (id),
    purpose TEXT NOT NULL,
    total_rials INTEGER NOT NULL CHECK (total_rials > 0),
    status TEXT NOT NULL
        CHECK (status IN ('proposed', 'open', 'closed', 'rejected', 'cancelled')),
    proposed_by INTEGER NULL,
    proposed_by_name TEXT NOT NULL,
    proposed_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (
        (group_id IS NOT NULL AND woman_id IS NULL) OR (group_id IS NULL AND woman_id IS NOT NULL)
    )
);

CREATE INDEX grants_place ON grants (province_id, county_id, fiscal_year);
CREATE INDEX grants_group ON grants (group_id);
CREATE INDEX grants_woman ON grants (woman_id);
CREATE INDEX grants_line ON grants (budget_line_id);

CREATE TABLE grant_tranches (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    grant_id INTEGER NOT NULL REFERENCES grants (id),
    seq INTEGER NOT NULL CHECK (seq BETWEEN 1 AND 6),
    amount_rials INTEGER NOT NULL CHECK (amount_rials > 0),
    planned_on TEXT NOT NULL,
    conditions TEXT NOT NULL,
    status TEXT NOT NULL
        CHECK (status IN ('proposed', 'approved', 'paid', 'rejected', 'cancelled')),
    decided_by INTEGER NULL,
    decided_by_name TEXT NULL,
    decided_at TEXT NULL,
    rejection_reason TEXT NULL,
    condition_results TEXT NULL,
    commit_transaction_id INTEGER NULL REFERENCES ledger_transactions (id)
        UNIQUE,
    paid_by INTEGER NULL,
    paid_by_name TEXT NULL,
    paid_at TEXT NULL,
    paid_on TEXT NULL,
    pay_transaction_id INTEGER NULL REFERENCES ledger_transactions (id)
        UNIQUE,
    cancelled_by INTEGER NULL,
    cancelled_by_name TEXT NULL,
    cancelled_at TEXT NULL,
    cancel_reason TEXT NULL,
    UNIQUE (grant_id, seq)
);

CREATE INDEX grant_tranches_status ON grant_tranches (status, grant_id);
