-- Bank self-employment loans (issue 20) for SQLite: a woman's referral to an agent bank, its
-- guarantors and the instalments she paid. Must describe the same tables and columns as
-- migrations/postgres/0033_bank_loans.sql (checked by tests/migrations_agree.rs).
--
-- Every row carries the province and county of the referral (the woman's place on the day of
-- the letter), so lists scope by place like every record. Days are facts kept apart from when
-- they were typed: the letter (referred_on), the bank's decision (decided_on), the payout
-- (disbursed_on), each instalment (paid_on) and the closing (closed_on); `recorded_at` and
-- `updated_at` say when the office wrote them. Money is whole rials; the fee is kept as basis
-- points and its rials are computed. The bank's money is not on the programme's ledger.
--
-- When the bank pays out, the loan enters the woman's facility history as a row of its own
-- source, `referral` (body `bank`, kind `loan`), named by `bank_loans.facility_id`; a
-- withdrawal after that withdraws the row like a reversed programme tranche. SQLite cannot
-- change a CHECK constraint in place, so `woman_facilities` is rebuilt with the new source
-- allowed: same columns, rows and ids, its index and its append-only triggers made again.
-- Nothing references the table, and dropping it fires no trigger.

CREATE TABLE woman_facilities_0033 (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    woman_id INTEGER NOT NULL REFERENCES women (id),
    source TEXT NOT NULL CHECK (source IN ('programme', 'declared', 'referral')),
    body TEXT NOT NULL
        CHECK (body IN ('hamyar', 'relief_committee', 'bank', 'behzisti_other', 'other')),
    body_name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('grant', 'loan')),
    amount_rials INTEGER NOT NULL CHECK (amount_rials > 0),
    granted_on TEXT NOT NULL,
    group_id INTEGER NULL REFERENCES hamyar_groups (id),
    grant_tranche_id INTEGER NULL,
    note TEXT NOT NULL,
    withdrawn_on TEXT NULL,
    recorded_by INTEGER NULL,
    recorded_by_name TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    CHECK (
        (source = 'programme' AND body = 'hamyar' AND grant_tranche_id IS NOT NULL)
        OR (source = 'declared' AND body <> 'hamyar' AND grant_tranche_id IS NULL
            AND withdrawn_on IS NULL)
        OR (source = 'referral' AND body = 'bank' AND kind = 'loan'
            AND grant_tranche_id IS NULL)
    ),
    UNIQUE (grant_tranche_id, woman_id)
);

INSERT INTO woman_facilities_0033 (id, woman_id, source, body, body_name, kind, amount_rials,
    granted_on, group_id, grant_tranche_id, note, withdrawn_on, recorded_by, recorded_by_name,
    recorded_at)
SELECT id, woman_id, source, body, body_name, kind, amount_rials, granted_on, group_id,
    grant_tranche_id, note, withdrawn_on, recorded_by, recorded_by_name, recorded_at
FROM woman_facilities;

DROP TABLE woman_facilities;
ALTER TABLE woman_facilities_0033 RENAME TO woman_facilities;

CREATE INDEX woman_facilities_woman ON woman_facilities (woman_id, granted_on);

CREATE TRIGGER woman_facilities_no_delete BEFORE DELETE ON woman_facilities
BEGIN
    SELECT RAISE(ABORT, 'woman_facilities is append-only');
END;

CREATE TRIGGER woman_facilities_only_withdrawal BEFORE UPDATE ON woman_facilities
WHEN OLD.withdrawn_on IS NOT NULL OR NEW.withdrawn_on IS NULL
    OR OLD.source NOT IN ('programme', 'referral')
    OR NEW.id IS NOT OLD.id OR NEW.woman_id IS NOT OLD.woman_id
    OR NEW.source IS NOT OLD.source OR NEW.body IS NOT OLD.body
    OR NEW.body_name IS NOT OLD.body_name OR NEW.kind IS NOT OLD.kind
    OR NEW.amount_rials IS NOT OLD.amount_rials OR NEW.granted_on IS NOT OLD.granted_on
    OR NEW.group_id IS NOT OLD.group_id OR NEW.grant_tranche_id IS NOT OLD.grant_tranche_id
    OR NEW.note IS NOT OLD.note OR NEW.recorded_by IS NOT OLD.recorded_by
    OR NEW.recorded_by_name IS NOT OLD.recorded_by_name
    OR NEW.recorded_at IS NOT OLD.recorded_at
BEGIN
    SELECT RAISE(ABORT, 'woman_facilities is append-only');
END;

CREATE TABLE bank_loans (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    province_id INTEGER NOT NULL REFERENCES places (id),
    county_id INTEGER NOT NULL REFERENCES places (id),
    woman_id INTEGER NOT NULL REFERENCES women (id),
    group_id INTEGER NULL REFERENCES hamyar_groups (id),
    bank TEXT NOT NULL CHECK (bank IN ('mehr_iran', 'resalat', 'refah', 'keshavarzi',
        'tejarat', 'melli', 'sepah', 'post_bank', 'other')),
    bank_name TEXT NOT NULL,
    amount_rials INTEGER NOT NULL CHECK (amount_rials > 0),
    fee_basis_points INTEGER NOT NULL CHECK (fee_basis_points BETWEEN 0 AND 1000),
    term_months INTEGER NOT NULL CHECK (term_months BETWEEN 1 AND 120),
    referred_on TEXT NOT NULL,
    note TEXT NOT NULL,
    warned_facilities INTEGER NOT NULL CHECK (warned_facilities >= 0),
    status TEXT NOT NULL CHECK (status IN ('referred', 'approved', 'refused', 'disbursed',
        'repaying', 'settled', 'defaulted', 'withdrawn')),
    decided_on TEXT NULL,
    approved_amount_rials INTEGER NULL CHECK (approved_amount_rials > 0),
    decision_note TEXT NOT NULL,
    disbursed_on TEXT NULL,
    disbursed_amount_rials INTEGER NULL CHECK (disbursed_amount_rials > 0),
    facility_id INTEGER NULL REFERENCES woman_facilities (id),
    closed_on TEXT NULL,
    closing_note TEXT NOT NULL,
    created_by INTEGER NULL REFERENCES users (id),
    created_by_name TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (decided_on IS NULL OR decided_on >= referred_on),
    CHECK (disbursed_on IS NULL OR (decided_on IS NOT NULL AND disbursed_on >= decided_on)),
    CHECK ((disbursed_on IS NULL) = (disbursed_amount_rials IS NULL)),
    CHECK (status NOT IN ('disbursed', 'repaying', 'settled', 'defaulted')
        OR disbursed_on IS NOT NULL),
    CHECK ((status IN ('refused', 'settled', 'defaulted', 'withdrawn')) = (closed_on IS NOT NULL))
);

CREATE INDEX bank_loans_place ON bank_loans (province_id, county_id, referred_on);
CREATE INDEX bank_loans_woman ON bank_loans (woman_id, referred_on);

CREATE TABLE bank_loan_guarantors (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    loan_id INTEGER NOT NULL REFERENCES bank_loans (id),
    province_id INTEGER NOT NULL REFERENCES places (id),
    county_id INTEGER NOT NULL REFERENCES places (id),
    position INTEGER NOT NULL CHECK (position BETWEEN 1 AND 3),
    woman_id INTEGER NULL REFERENCES women (id),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    national_id TEXT NOT NULL CHECK (length(national_id) = 10),
    UNIQUE (loan_id, position)
);

CREATE TABLE bank_loan_instalments (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    loan_id INTEGER NOT NULL REFERENCES bank_loans (id),
    province_id INTEGER NOT NULL REFERENCES places (id),
    county_id INTEGER NOT NULL REFERENCES places (id),
    paid_on TEXT NOT NULL,
    amount_rials INTEGER NOT NULL CHECK (amount_rials > 0),
    note TEXT NOT NULL,
    recorded_by INTEGER NULL REFERENCES users (id),
    recorded_by_name TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);

CREATE INDEX bank_loan_instalments_loan ON bank_loan_instalments (loan_id, paid_on);

CREATE TRIGGER bank_loan_instalments_no_update BEFORE UPDATE ON bank_loan_instalments
BEGIN
    SELECT RAISE(ABORT, 'bank_loan_instalments is append-only');
END;

CREATE TRIGGER bank_loan_instalments_no_delete BEFORE DELETE ON bank_loan_instalments
BEGIN
    SELECT RAISE(ABORT, 'bank_loan_instalments is append-only');
END;
