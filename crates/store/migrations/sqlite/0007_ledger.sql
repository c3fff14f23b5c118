-- The programme's general double-entry ledger for SQLite. Must describe the same tables and
-- columns as migrations/postgres/0007_ledger.sql (checked by tests/migrations_agree.rs).
--
-- Amounts are signed integer rials: positive = debit, negative = credit; a transaction's
-- postings sum to zero (checked by the domain draft, again by the adapter before writing, and
-- a third time by `hamyar ledger verify`). Transactions and postings are append-only: triggers
-- refuse UPDATE and DELETE, and a mistake is corrected by a reversing transaction that points
-- at its original (`reverses_id`, unique: an original is reversed at most once).
-- `ledger_balances` is the one table that changes in place: the adapter adds each posting to
-- its account's row in the same transaction, so reading a balance never scans history.
-- Posting rows repeat the transaction's `effective_on` so "balance as of a date" reads one
-- index range. `recorded_by` has no foreign key, like audit_log.actor_user_id.

CREATE TABLE ledger_accounts (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    code TEXT NOT NULL UNIQUE,
    name_fa TEXT NOT NULL,
    name_en TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('asset', 'liability', 'equity', 'income', 'expense')),
    province_id INTEGER NULL REFERENCES places (id),
    county_id INTEGER NULL REFERENCES places (id),
    created_at TEXT NOT NULL
);

CREATE TABLE ledger_transactions (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    effective_on TEXT NOT NULL,
    description TEXT NOT NULL,
    reverses_id INTEGER NULL UNIQUE REFERENCES ledger_transactions (id),
    recorded_by INTEGER NULL,
    recorded_by_name TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    province_id INTEGER NULL REFERENCES places (id),
    county_id INTEGER NULL REFERENCES places (id)
);

CREATE INDEX ledger_transactions_effective_on ON ledger_transactions (effective_on, id);

CREATE TABLE ledger_postings (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    transaction_id INTEGER NOT NULL REFERENCES ledger_transactions (id),
    account_id INTEGER NOT NULL REFERENCES ledger_accounts (id),
    amount_rials INTEGER NOT NULL CHECK (amount_rials <> 0),
    effective_on TEXT NOT NULL,
    UNIQUE (transaction_id, account_id)
);

CREATE INDEX ledger_postings_account_effective_on
    ON ledger_postings (account_id, effective_on);

CREATE TABLE ledger_balances (
    account_id INTEGER PRIMARY KEY NOT NULL REFERENCES ledger_accounts (id),
    balance_rials INTEGER NOT NULL,
    posting_count INTEGER NOT NULL CHECK (posting_count >= 0)
);

CREATE TRIGGER ledger_transactions_no_update BEFORE UPDATE ON ledger_transactions
BEGIN
    SELECT RAISE(ABORT, 'ledger is append-only');
END;

CREATE TRIGGER ledger_transactions_no_delete BEFORE DELETE ON ledger_transactions
BEGIN
    SELECT RAISE(ABORT, 'ledger is append-only');
END;

CREATE TRIGGER ledger_postings_no_update BEFORE UPDATE ON ledger_postings
BEGIN
    SELECT RAISE(ABORT, 'ledger is append-only');
END;

CREATE TRIGGER ledger_postings_no_delete BEFORE DELETE ON ledger_postings
BEGIN
    SELECT RAISE(ABORT, 'ledger is append-only');
END;
