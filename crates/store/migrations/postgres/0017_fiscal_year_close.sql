-- Money on its real dates, and closing a fiscal year (issue 15), for PostgreSQL.
-- Must describe the same tables and columns as migrations/sqlite/0017_fiscal_year_close.sql
-- (checked by tests/migrations_agree.rs).
--
-- `approved_on` is the day a payment or a grant tranche was approved — the commitment's
-- value date, which may be earlier than the day it was typed (`decided_at`). The ledger's
-- commitment transaction carries the same date as `effective_on`; rows approved before this
-- migration take it from there.
--
-- `fiscal_years` says whether a province's fiscal year is closed. Nothing may be posted into
-- a closed year; every posting path reads the row inside its own write transaction and holds
-- it with FOR SHARE (after making sure it exists), while closing updates it, so a close and a
-- posting cannot pass each other. The history of closing and reopening is in the audit
-- trail; the row keeps the latest of each for the budget page.

ALTER TABLE payments ADD COLUMN approved_on TEXT COLLATE "C" NULL;
ALTER TABLE grant_tranches ADD COLUMN approved_on TEXT COLLATE "C" NULL;

UPDATE payments SET approved_on = t.effective_on
FROM ledger_transactions t
WHERE t.id = payments.commit_transaction_id;

UPDATE grant_tranches SET approved_on = t.effective_on
FROM ledger_transactions t
WHERE t.id = grant_tranches.commit_transaction_id;

CREATE TABLE fiscal_years (
    province_id BIGINT NOT NULL REFERENCES places (id),
    fiscal_year BIGINT NOT NULL CHECK (fiscal_year BETWEEN 1300 AND 1700),
    status TEXT COLLATE "C" NOT NULL CHECK (status IN ('open', 'closed')),
    closed_by BIGINT NULL REFERENCES users (id),
    closed_by_name TEXT NULL,
    closed_at TEXT COLLATE "C" NULL,
    reopened_by BIGINT NULL REFERENCES users (id),
    reopened_by_name TEXT NULL,
    reopened_at TEXT COLLATE "C" NULL,
    reopen_reason TEXT NULL,
    CHECK (status <> 'closed' OR closed_at IS NOT NULL),
    CHECK (reopened_at IS NULL OR length(reopen_reason) > 0),
    CONSTRAINT fiscal_years_pkey PRIMARY KEY (province_id, fiscal_year)
);
