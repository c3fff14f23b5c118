-- Job preparation (issue 18) for SQLite: a woman's plans toward a job with their steps, and the
-- follow-ups three and six months after a course she completed. Must describe the same tables
-- and columns as migrations/postgres/0025_job_preparation.sql (checked by
-- tests/migrations_agree.rs).
--
-- Days are facts kept apart from when they were typed: the day a plan was made and closed,
-- the day a step is due, was done or last changed state, the day a woman was asked at a
-- follow-up. A plan carries the woman's province and county when it was made, so lists scope
-- by place like every record. Money is whole rials. A follow-up is one row per enrolment and
-- month (3 or 6), written when it is asked; one that is due and not asked has no row — it is
-- found from the run's last day (the due day is Jalali month arithmetic, done by the app).

CREATE TABLE job_plans (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    province_id INTEGER NOT NULL REFERENCES places (id),
    county_id INTEGER NOT NULL REFERENCES places (id),
    woman_id INTEGER NOT NULL REFERENCES women (id),
    job_title TEXT NOT NULL CHECK (length(job_title) BETWEEN 1 AND 200),
    occupation_code TEXT NULL,
    state TEXT NOT NULL CHECK (state IN ('open', 'achieved', 'abandoned')),
    planned_on TEXT NOT NULL,
    closed_on TEXT NULL,
    created_by INTEGER NULL REFERENCES users (id),
    created_by_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK ((state = 'open') = (closed_on IS NULL)),
    CHECK (closed_on IS NULL OR closed_on >= planned_on)
);

CREATE INDEX job_plans_woman ON job_plans (woman_id, planned_on);
CREATE INDEX job_plans_place ON job_plans (province_id, county_id, state);

CREATE TABLE job_plan_steps (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    plan_id INTEGER NOT NULL REFERENCES job_plans (id),
    kind TEXT NOT NULL CHECK (kind IN ('training', 'internship', 'placement', 'working_capital',
        'permit')),
    state TEXT NOT NULL CHECK (state IN ('planned', 'in_progress', 'done', 'dropped')),
    due_on TEXT NULL,
    state_on TEXT NOT NULL,
    done_on TEXT NULL,
    enrolment_id INTEGER NULL REFERENCES enrolments (id),
    grant_id INTEGER NULL REFERENCES grants (id),
    employer TEXT NULL,
    starts_on TEXT NULL,
    monthly_pay_rials INTEGER NULL CHECK (monthly_pay_rials >= 0),
    permit_name TEXT NULL,
    note TEXT NULL,
    created_by INTEGER NULL REFERENCES users (id),
    created_by_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK ((state = 'done') = (done_on IS NOT NULL)),
    CHECK (kind <> 'placement' OR (employer IS NOT NULL AND starts_on IS NOT NULL)),
    CHECK (kind <> 'permit' OR permit_name IS NOT NULL),
    CHECK (enrolment_id IS NULL OR kind = 'training'),
    CHECK (grant_id IS NULL OR kind = 'working_capital')
);

CREATE INDEX job_plan_steps_plan ON job_plan_steps (plan_id, id);

CREATE TABLE course_follow_ups (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    enrolment_id INTEGER NOT NULL REFERENCES enrolments (id),
    province_id INTEGER NOT NULL REFERENCES places (id),
    county_id INTEGER NOT NULL REFERENCES places (id),
    due_month INTEGER NOT NULL CHECK (due_month IN (3, 6)),
    due_on TEXT NOT NULL,
    recorded_on TEXT NOT NULL,
    works INTEGER NOT NULL CHECK (works IN (0, 1)),
    earns_from_course INTEGER NOT NULL CHECK (earns_from_course IN (0, 1)),
    monthly_income_rials INTEGER NULL CHECK (monthly_income_rials >= 0),
    note TEXT NULL,
    recorded_by INTEGER NULL REFERENCES users (id),
    recorded_by_name TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    UNIQUE (enrolment_id, due_month),
    CHECK (recorded_on >= due_on),
    CHECK (works = 1 OR earns_from_course = 0)
);

CREATE INDEX course_follow_ups_place ON course_follow_ups (province_id, county_id, due_on);
CREATE INDEX enrolments_completed ON enrolments (status, run_id);
