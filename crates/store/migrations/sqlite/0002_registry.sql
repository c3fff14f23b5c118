-- Registry schema for SQLite: women heads of household, their household members, coverage
-- history, other-body inquiries, the documents checklist, the queue of likely duplicates,
-- the yearly pension table and programme settings. Must describe the same tables and columns
-- as migrations/postgres/0002_registry.sql (checked by tests/migrations_agree.rs).
-- Dates are ISO `YYYY-MM-DD` text and instants `storage_timestamp` text, so text order is
-- time order. Names are stored as entered with their folded search keys beside them; a name
-- prefix is matched as a range on a key (`key >= p AND key < p || U+10FFFF`), which the
-- key indexes serve on both engines, unlike LIKE.

CREATE TABLE women (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    national_id TEXT NOT NULL UNIQUE,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    father_name TEXT NULL,
    name_key TEXT NOT NULL,
    name_key_reversed TEXT NOT NULL,
    birth_date TEXT NOT NULL,
    mobile TEXT NULL,
    province_id INTEGER NOT NULL REFERENCES places (id),
    county_id INTEGER NOT NULL REFERENCES places (id),
    locality TEXT NOT NULL,
    settlement TEXT NOT NULL,
    address TEXT NOT NULL,
    education TEXT NULL,
    skills TEXT NOT NULL,
    sheba TEXT NULL,
    headship_cause TEXT NOT NULL,
    income_decile INTEGER NULL,
    notes TEXT NOT NULL,
    social_worker_id INTEGER NULL REFERENCES users (id),
    coverage_status TEXT NOT NULL,
    household_size INTEGER NOT NULL DEFAULT 1,
    merged_into INTEGER NULL REFERENCES women (id),
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE INDEX women_name_key ON women (name_key);
CREATE INDEX women_name_key_reversed ON women (name_key_reversed);
CREATE INDEX women_county_name_key ON women (county_id, name_key);
CREATE INDEX women_province_name_key ON women (province_id, name_key);
CREATE INDEX women_mobile ON women (mobile);
CREATE INDEX women_coverage_status ON women (coverage_status);
CREATE INDEX women_created_at ON women (created_at);
CREATE INDEX women_birth_date ON women (birth_date);

-- `women.household_size` is 1 + the number of rows here for that woman; the adapter keeps it
-- so in the same statement sequence that adds, removes or moves members.
CREATE TABLE household_members (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    woman_id INTEGER NOT NULL REFERENCES women (id) ON DELETE CASCADE,
    first_name TEXT NOT NULL,
    last_name TEXT NULL,
    relation TEXT NOT NULL,
    birth_date TEXT NULL,
    national_id TEXT NULL,
    disability INTEGER NOT NULL CHECK (disability IN (0, 1)),
    activity TEXT NULL,
    created_at TEXT NOT NULL
);

CREATE INDEX household_members_national_id ON household_members (national_id);
CREATE INDEX household_members_woman_id ON household_members (woman_id);

-- decided_by has no foreign key, like audit_log.actor_user_id: history outlives accounts.
CREATE TABLE coverage_episodes (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    woman_id INTEGER NOT NULL REFERENCES women (id),
    status TEXT NOT NULL,
    exit_reason TEXT NULL,
    started_on TEXT NOT NULL,
    decided_by INTEGER NULL,
    decided_by_name TEXT NOT NULL,
    reason TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);

CREATE INDEX coverage_episodes_woman_id ON coverage_episodes (woman_id, id);

CREATE TABLE other_body_inquiries (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    woman_id INTEGER NOT NULL REFERENCES women (id),
    body TEXT NOT NULL,
    inquired_on TEXT NOT NULL,
    result TEXT NOT NULL,
    notes TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);

CREATE INDEX other_body_inquiries_woman_id ON other_body_inquiries (woman_id, id);

CREATE TABLE woman_documents (
    woman_id INTEGER NOT NULL REFERENCES women (id),
    kind TEXT NOT NULL,
    received_on TEXT NULL,
    notes TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (woman_id, kind)
);

-- resolved_by has no foreign key: the console resolves as no user, and history outlives
-- accounts.
CREATE TABLE duplicate_candidates (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    woman_id INTEGER NOT NULL REFERENCES women (id),
    other_id INTEGER NOT NULL REFERENCES women (id),
    reason TEXT NOT NULL,
    status TEXT NOT NULL,
    province_id INTEGER NOT NULL,
    county_id INTEGER NOT NULL,
    detected_at TEXT NOT NULL,
    resolved_by INTEGER NULL,
    resolved_at TEXT NULL,
    UNIQUE (woman_id, other_id, reason)
);

CREATE INDEX duplicate_candidates_status_province ON duplicate_candidates (status, province_id);
CREATE INDEX duplicate_candidates_status_county ON duplicate_candidates (status, county_id);
CREATE INDEX duplicate_candidates_other_id ON duplicate_candidates (other_id);

CREATE TABLE pension_tables (
    fiscal_year INTEGER PRIMARY KEY NOT NULL,
    tier1_rials INTEGER NOT NULL,
    tier2_rials INTEGER NOT NULL,
    tier3_rials INTEGER NOT NULL,
    tier4_rials INTEGER NOT NULL,
    tier5_rials INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);

CREATE TABLE settings (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);
