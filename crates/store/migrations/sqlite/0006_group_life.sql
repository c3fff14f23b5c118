-- The life of a Hamyar group for SQLite: its monthly business record with what each member
-- was paid, its meetings with attendance, monitoring visits with the requests members raised,
-- and its permits. Must describe the same tables and columns as
-- migrations/postgres/0006_group_life.sql (checked by tests/migrations_agree.rs).
--
-- These rows carry no province or county of their own: they belong to a group and are scoped
-- through `hamyar_groups`, so a group moved to another county takes its history with it
-- instead of leaving stale copies behind. Dates are ISO `YYYY-MM-DD` text, instants
-- `storage_timestamp` text; money is integer rials (the group's own bookkeeping, not the
-- programme's ledger). `*_by` user ids have no foreign key, like audit_log.actor_user_id: the
-- record outlives the account, and the name is kept beside it.

-- One row per group and Jalali month; editing the month replaces the row's values in place.
CREATE TABLE group_business_months (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    group_id INTEGER NOT NULL REFERENCES hamyar_groups (id),
    year INTEGER NOT NULL,
    month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    revenue_rials INTEGER NOT NULL CHECK (revenue_rials >= 0),
    costs_rials INTEGER NOT NULL CHECK (costs_rials >= 0),
    profit_rials INTEGER NOT NULL,
    members_working INTEGER NOT NULL CHECK (members_working >= 0),
    people_hired INTEGER NOT NULL CHECK (people_hired >= 0),
    -- Sales channel codes joined with ',' (a closed list of five).
    channels TEXT NOT NULL,
    channel_other TEXT NOT NULL,
    recorded_by INTEGER NULL,
    recorded_by_name TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    CHECK (profit_rials = revenue_rials - costs_rials),
    UNIQUE (group_id, year, month)
);

-- What each member was paid in the month; replaced with the month.
CREATE TABLE group_business_payments (
    business_month_id INTEGER NOT NULL REFERENCES group_business_months (id),
    woman_id INTEGER NOT NULL REFERENCES women (id),
    amount_rials INTEGER NOT NULL CHECK (amount_rials >= 0),
    PRIMARY KEY (business_month_id, woman_id)
);

CREATE TABLE group_meetings (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    group_id INTEGER NOT NULL REFERENCES hamyar_groups (id),
    held_on TEXT NOT NULL,
    place TEXT NOT NULL,
    topics TEXT NOT NULL,
    decisions TEXT NOT NULL,
    recorded_by INTEGER NULL,
    recorded_by_name TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);

CREATE INDEX group_meetings_group ON group_meetings (group_id, held_on);

CREATE TABLE group_meeting_attendance (
    meeting_id INTEGER NOT NULL REFERENCES group_meetings (id),
    woman_id INTEGER NOT NULL REFERENCES women (id),
    attendance TEXT NOT NULL CHECK (attendance IN ('present', 'absent', 'excused')),
    PRIMARY KEY (meeting_id, woman_id)
);

-- A monitoring visit; the follow-up is owed by `follow_up_due` and done when
-- `follow_up_done_on` is set.
CREATE TABLE group_visits (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    group_id INTEGER NOT NULL REFERENCES hamyar_groups (id),
    visited_on TEXT NOT NULL,
    visitor_id INTEGER NULL,
    visitor_name TEXT NOT NULL,
    purpose TEXT NOT NULL,
    findings TEXT NOT NULL,
    -- Referral codes joined with ',' (a closed list).
    referrals TEXT NOT NULL,
    referral_other TEXT NOT NULL,
    follow_up_due TEXT NULL,
    follow_up_done_on TEXT NULL,
    follow_up_note TEXT NOT NULL,
    recorded_by INTEGER NULL,
    recorded_by_name TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    CHECK (follow_up_due IS NULL OR follow_up_due >= visited_on),
    CHECK (follow_up_done_on IS NULL OR follow_up_done_on >= visited_on)
);

CREATE INDEX group_visits_group ON group_visits (group_id, visited_on);
-- The due and overdue list reads only follow-ups still owed, by date.
CREATE INDEX group_visits_owed ON group_visits (follow_up_due) WHERE follow_up_done_on IS NULL;

-- A request the members raised during a visit, open until resolved.
CREATE TABLE group_visit_requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    visit_id INTEGER NOT NULL REFERENCES group_visits (id),
    group_id INTEGER NOT NULL REFERENCES hamyar_groups (id),
    request TEXT NOT NULL,
    resolved_on TEXT NULL,
    resolution_note TEXT NOT NULL,
    resolved_by_name TEXT NOT NULL
);

CREATE INDEX group_visit_requests_visit ON group_visit_requests (visit_id, id);
CREATE INDEX group_visit_requests_open ON group_visit_requests (group_id) WHERE resolved_on IS NULL;

-- The group's current permit of each kind; a renewal replaces it (the audit trail keeps the
-- old one).
CREATE TABLE group_permits (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    group_id INTEGER NOT NULL REFERENCES hamyar_groups (id),
    kind TEXT NOT NULL CHECK (kind IN ('health_code', 'business_licence')),
    number TEXT NOT NULL,
    issued_on TEXT NOT NULL,
    expires_on TEXT NOT NULL,
    recorded_by_name TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    CHECK (expires_on >= issued_on),
    UNIQUE (group_id, kind)
);

CREATE INDEX group_permits_expiry ON group_permits (expires_on);
