-- Spending against budget lines, for SQLite. Must describe the same tables and columns as
-- migrations/postgres/0009_spending.sql (checked by tests/migrations_agree.rs).
--
-- A payment to a provider is proposed by one user and decided by another (four eyes). Its
-- money never lives here: approval posts the commitment and payment posts the treasury
-- outflow on the ledger, and the row keeps the ids of those transactions. A cancelled payment
-- keeps them too; the reversals point at them from the ledger (`reverses_id`). The status
-- only moves forward (domain `spending::status`); the store changes it only from the status
-- the use-case read, so two deciders racing cannot both move it.
--
-- `province_id`/`county_id` are the line's place, copied for scoped lists. Evidence files are
-- stored in the database (BLOB here, BYTEA on PostgreSQL: the sqlx Any driver binds and reads
-- `Vec<u8>` as a blob on both), so a backup of the database is a backup of the evidence.

CREATE TABLE payments (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    budget_line_id INTEGER NOT NULL REFERENCES budget_lines (id),
    province_id INTEGER NOT NULL REFERENCES places (id),
    county_id INTEGER NULL REFERENCES places (id),
    payee TEXT NOT NULL CHECK (length(payee) BETWEEN 1 AND 200),
    payee_kind TEXT NOT NULL CHECK (payee_kind IN
        ('course_provider', 'job_preparation_service', 'strengthening_work', 'other')),
    amount_rials INTEGER NOT NULL CHECK (amount_rials > 0),
    spent_on TEXT NOT NULL,
    reference TEXT NOT NULL,
    description TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('proposed', 'approved', 'paid', 'rejected', 'cancelled')),
    idempotency_key TEXT NOT NULL UNIQUE,
    proposed_by INTEGER NULL REFERENCES users (id),
    proposed_by_name TEXT NOT NULL,
    proposed_at TEXT NOT NULL,
    decided_by INTEGER NULL REFERENCES users (id),
    decided_by_name TEXT NULL,
    decided_at TEXT NULL,
    rejection_reason TEXT NULL,
    commit_transaction_id INTEGER NULL UNIQUE REFERENCES ledger_transactions (id),
    paid_by INTEGER NULL REFERENCES users (id),
    paid_by_name TEXT NULL,
    paid_at TEXT NULL,
    paid_on TEXT NULL,
    pay_transaction_id INTEGER NULL UNIQUE REFERENCES ledger_transactions (id),
    cancelled_by INTEGER NULL REFERENCES users (id),
    cancelled_by_name TEXT NULL,
    cancelled_at TEXT NULL,
    cancel_reason TEXT NULL,
    CHECK (status <> 'rejected' OR (rejection_reason IS NOT NULL AND length(rejection_reason) > 0)),
    CHECK (status <> 'cancelled' OR (cancel_reason IS NOT NULL AND length(cancel_reason) > 0)),
    CHECK (status NOT IN ('approved', 'paid') OR commit_transaction_id IS NOT NULL),
    CHECK (status <> 'paid' OR pay_transaction_id IS NOT NULL)
);

CREATE INDEX payments_line ON payments (budget_line_id, id);
CREATE INDEX payments_place ON payments (province_id, county_id, id);
CREATE INDEX payments_status ON payments (status, id);

-- What a payment was for: groups or women (exactly one of the two per row).
CREATE TABLE payment_links (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    payment_id INTEGER NOT NULL REFERENCES payments (id),
    group_id INTEGER NULL REFERENCES hamyar_groups (id),
    woman_id INTEGER NULL REFERENCES women (id),
    CHECK ((group_id IS NULL) <> (woman_id IS NULL)),
    UNIQUE (payment_id, group_id),
    UNIQUE (payment_id, woman_id)
);

CREATE INDEX payment_links_group ON payment_links (group_id);
CREATE INDEX payment_links_woman ON payment_links (woman_id);

-- Files backing a money record: an invoice, a contract, a receipt. `owner_kind` says which
-- kind of record (`payment` now; grants may add theirs). Never updated: a wrong file is
-- followed by the right one.
CREATE TABLE evidence_files (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    owner_kind TEXT NOT NULL CHECK (owner_kind IN ('payment')),
    owner_id INTEGER NOT NULL,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
    size_bytes INTEGER NOT NULL CHECK (size_bytes BETWEEN 1 AND 10485760),
    sha256 TEXT NOT NULL,
    content BLOB NOT NULL,
    uploaded_by INTEGER NULL REFERENCES users (id),
    uploaded_by_name TEXT NOT NULL,
    uploaded_at TEXT NOT NULL
);

CREATE INDEX evidence_files_owner ON evidence_files (owner_kind, owner_id, id);
