-- Training plans (issue 18) for SQLite: a provider's contracts and a group's training needs.
-- Must describe the same tables and columns as migrations/postgres/0026_provider_contracts.sql
-- (checked by tests/migrations_agree.rs).
--
-- A contract binds a provider to an amount in rials for a period, paid from one training or
-- job-preparation budget line of the provider's province. What was spent under it is never
-- kept here: it is read from the payments the ledger paid for the provider's runs from that
-- line within the period, so a contract cannot drift from the money. Its number is unique for
-- its provider. `province_id` is the provider's, copied for scoped lists.
--
-- A group's training need says what its business needs — a course kind of the catalogue, or a
-- skill in words when the catalogue has none — and why. It is open until a run that teaches
-- that kind enrols the group (then met by that run) or someone withdraws it; it changes state
-- once, only from open (conditional update). `province_id`/`county_id` are the group's.

CREATE TABLE provider_contracts (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    provider_id INTEGER NOT NULL REFERENCES training_providers (id),
    province_id INTEGER NOT NULL REFERENCES places (id),
    contract_no TEXT NOT NULL CHECK (length(contract_no) BETWEEN 1 AND 50),
    signed_on TEXT NOT NULL,
    period_from TEXT NOT NULL,
    period_to TEXT NOT NULL,
    amount_rials INTEGER NOT NULL CHECK (amount_rials > 0),
    budget_line_id INTEGER NOT NULL REFERENCES budget_lines (id),
    note TEXT NOT NULL,
    created_by INTEGER NULL REFERENCES users (id),
    created_by_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (provider_id, contract_no),
    CHECK (period_to >= period_from)
);

CREATE INDEX provider_contracts_line ON provider_contracts (budget_line_id, provider_id);

CREATE TABLE group_training_needs (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    group_id INTEGER NOT NULL REFERENCES hamyar_groups (id),
    province_id INTEGER NOT NULL REFERENCES places (id),
    county_id INTEGER NOT NULL REFERENCES places (id),
    course_kind_id INTEGER NULL REFERENCES course_kinds (id),
    skill TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
    recorded_on TEXT NOT NULL,
    recorded_by INTEGER NULL REFERENCES users (id),
    recorded_by_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('open', 'met', 'withdrawn')),
    met_by_run_id INTEGER NULL REFERENCES course_runs (id),
    closed_on TEXT NULL,
    closed_by_name TEXT NULL,
    CHECK (course_kind_id IS NOT NULL OR length(skill) > 0),
    CHECK (state <> 'met' OR met_by_run_id IS NOT NULL),
    CHECK (state = 'open' OR closed_on IS NOT NULL)
);

CREATE INDEX group_training_needs_group ON group_training_needs (group_id, id);
CREATE INDEX group_training_needs_open ON group_training_needs (province_id, county_id, state, course_kind_id);
