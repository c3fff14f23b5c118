-- Training (issue 18) for SQLite: the catalogue of course kinds, providers, course runs with
-- their sessions, enrolments and attendance. Must describe the same tables and columns as
-- migrations/postgres/0023_training.sql (checked by tests/migrations_agree.rs).
--
-- A course kind carries its completion rule (the share of sessions to attend, a final
-- assessment or none), so a verdict never depends on code. A run belongs to one county of one
-- province and is paid from a budget line of that place, or none yet. A woman is enrolled in
-- a run once; her outcome — completed on a day, or dropped on a day with a coded reason — is
-- kept on her enrolment, with the national skill certificate's number when one is issued and
-- the code anyone can check Hamyar's own certificate with. Attendance is one mark per
-- session and enrolment; a second mark replaces the first (the audit trail keeps both).

CREATE TABLE course_kinds (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    name_en TEXT NOT NULL,
    category TEXT NOT NULL CHECK (category IN ('vocational', 'marketing', 'financial_literacy',
        'life_skills', 'social_capital', 'business_planning')),
    skill_standard_code TEXT NULL,
    hours INTEGER NOT NULL CHECK (hours BETWEEN 1 AND 5000),
    min_attendance_percent INTEGER NOT NULL CHECK (min_attendance_percent BETWEEN 1 AND 100),
    final_assessment INTEGER NOT NULL CHECK (final_assessment IN (0, 1)),
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL
);

CREATE TABLE training_providers (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    province_id INTEGER NOT NULL REFERENCES places (id),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    name_key TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('vocational_centre', 'institute', 'ngo', 'behzisti')),
    phone TEXT NULL,
    created_by INTEGER NULL REFERENCES users (id),
    created_by_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (province_id, name_key)
);

CREATE TABLE course_runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    province_id INTEGER NOT NULL REFERENCES places (id),
    county_id INTEGER NOT NULL REFERENCES places (id),
    code TEXT NOT NULL,
    course_kind_id INTEGER NOT NULL REFERENCES course_kinds (id),
    provider_id INTEGER NOT NULL REFERENCES training_providers (id),
    budget_line_id INTEGER NULL REFERENCES budget_lines (id),
    trainer_name TEXT NOT NULL,
    place TEXT NOT NULL,
    online INTEGER NOT NULL CHECK (online IN (0, 1)),
    capacity INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 500),
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    cancelled_on TEXT NULL,
    created_by INTEGER NULL REFERENCES users (id),
    created_by_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (province_id, code),
    CHECK (ends_on >= starts_on)
);

CREATE INDEX course_runs_place ON course_runs (province_id, county_id, starts_on);

CREATE TABLE course_sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    run_id INTEGER NOT NULL REFERENCES course_runs (id),
    seq INTEGER NOT NULL CHECK (seq BETWEEN 1 AND 500),
    held_on TEXT NOT NULL,
    hours INTEGER NOT NULL CHECK (hours BETWEEN 1 AND 12),
    UNIQUE (run_id, seq)
);

CREATE TABLE enrolments (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    run_id INTEGER NOT NULL REFERENCES course_runs (id),
    woman_id INTEGER NOT NULL REFERENCES women (id),
    group_id INTEGER NULL REFERENCES hamyar_groups (id),
    enrolled_on TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('enrolled', 'completed', 'dropped')),
    assessment_passed INTEGER NULL CHECK (assessment_passed IN (0, 1)),
    completed_on TEXT NULL,
    dropped_on TEXT NULL,
    dropout_reason TEXT NULL CHECK (dropout_reason IN ('found_work', 'family', 'health',
        'distance', 'lost_interest', 'moved', 'other')),
    skill_certificate_no TEXT NULL,
    certificate_code TEXT NULL UNIQUE,
    enrolled_by INTEGER NULL REFERENCES users (id),
    enrolled_by_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (run_id, woman_id),
    CHECK (status <> 'completed' OR completed_on IS NOT NULL),
    CHECK (status <> 'dropped' OR (dropped_on IS NOT NULL AND dropout_reason IS NOT NULL))
);

CREATE INDEX enrolments_woman ON enrolments (woman_id, run_id);
CREATE INDEX enrolments_group ON enrolments (group_id, run_id);

CREATE TABLE attendance_marks (
    session_id INTEGER NOT NULL REFERENCES course_sessions (id),
    enrolment_id INTEGER NOT NULL REFERENCES enrolments (id),
    mark TEXT NOT NULL CHECK (mark IN ('present', 'absent', 'excused')),
    recorded_by INTEGER NULL REFERENCES users (id),
    recorded_by_name TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (session_id, enrolment_id)
);

CREATE INDEX attendance_marks_enrolment ON attendance_marks (enrolment_id, session_id);
