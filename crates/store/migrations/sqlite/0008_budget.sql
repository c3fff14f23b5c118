-- Budget lines for SQLite. Must describe the same tables and columns as
-- migrations/postgres/0008_budget.sql (checked by tests/migrations_agree.rs).
--
-- A budget line is one fiscal year's money for one category at one place: a province (its
-- undivided part) or one of its counties. The money itself is never stored here: each line
-- owns three ledger accounts — its budget (equity, credit-normal), its expense (what has been
-- committed against it, paid or not) and its open commitments (approved, not yet paid) — and
-- every allocation, amendment, division, commitment and payment is a ledger transaction on
-- them. `place_id` is the line's own place (the county when there is one, else the province),
-- so one line per (year, place, category) is a plain unique key.

CREATE TABLE budget_lines (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    fiscal_year INTEGER NOT NULL CHECK (fiscal_year BETWEEN 1300 AND 1600),
    province_id INTEGER NOT NULL REFERENCES places (id),
    county_id INTEGER NULL REFERENCES places (id),
    place_id INTEGER NOT NULL REFERENCES places (id),
    category TEXT NOT NULL
        CHECK (category IN ('training', 'job_preparation', 'grant', 'strengthening', 'other')),
    budget_account_id INTEGER NOT NULL UNIQUE REFERENCES ledger_accounts (id),
    expense_account_id INTEGER NOT NULL UNIQUE REFERENCES ledger_accounts (id),
    commitment_account_id INTEGER NOT NULL UNIQUE REFERENCES ledger_accounts (id),
    created_by INTEGER NULL,
    created_at TEXT NOT NULL,
    UNIQUE (fiscal_year, place_id, category)
);

CREATE INDEX budget_lines_province ON budget_lines (province_id, fiscal_year);
