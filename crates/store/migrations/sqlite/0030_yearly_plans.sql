-- The yearly plan (issue 19) for SQLite. Must describe the same tables and columns as
-- migrations/postgres/0030_yearly_plans.sql (checked by tests/migrations_agree.rs).
--
-- One row per place (a province or one of its counties) and fiscal year: its targets for
-- groups formed, women joining groups, women trained, visits made and women exiting as
-- empowered. `women_empowered` is NULL when the default applies (10 % of the women covered
-- at the start of the year, rounded up): the app computes it whenever it is read and never
-- stores it. Setting a plan again replaces the row; the audit trail keeps every earlier one
-- (`plan.set`, before and after). `county_id` is NULL for a province's own plan, so
-- `place_id` is the county's id when it is set and the province's otherwise.

CREATE TABLE yearly_plans (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    place_id INTEGER NOT NULL REFERENCES places (id),
    province_id INTEGER NOT NULL REFERENCES places (id),
    county_id INTEGER NULL REFERENCES places (id),
    fiscal_year INTEGER NOT NULL CHECK (fiscal_year BETWEEN 1300 AND 1600),
    groups_formed INTEGER NOT NULL CHECK (groups_formed BETWEEN 0 AND 1000000),
    women_joining INTEGER NOT NULL CHECK (women_joining BETWEEN 0 AND 1000000),
    women_trained INTEGER NOT NULL CHECK (women_trained BETWEEN 0 AND 1000000),
    visits_made INTEGER NOT NULL CHECK (visits_made BETWEEN 0 AND 1000000),
    women_empowered INTEGER NULL CHECK (women_empowered BETWEEN 0 AND 1000000),
    note TEXT NOT NULL CHECK (length(note) <= 1000),
    set_by INTEGER NULL REFERENCES users (id),
    set_by_name TEXT NOT NULL,
    set_at TEXT NOT NULL,
    UNIQUE (place_id, fiscal_year),
    CHECK (place_id = COALESCE(county_id, province_id))
);

CREATE INDEX yearly_plans_province_year ON yearly_plans (province_id, fiscal_year);
