-- Outcomes (issue 19) for SQLite: the instruments (versioned questionnaires held as data) and
-- the forms women filled with them. Must describe the same tables and columns as
-- migrations/postgres/0028_assessments.sql (checked by tests/migrations_agree.rs).
--
-- An instrument is kept as its JSON definition, one row per version; a version is never
-- changed once forms use it, a changed questionnaire is a new version. `scheduled` says
-- whether a woman's schedule asks for it (baseline, follow-ups, exit and after).
--
-- A form is one woman's answers to one instrument on one occasion of her schedule:
-- `baseline`, `exit`, `after_exit_6`, `after_exit_12` (round 0) or the `follow_up` of a
-- round (1, 2, …); she has at most one form per instrument and occasion. It carries her
-- province and county when it was taken, so lists scope by place like every record, and the
-- version it was answered on. `taken_on` is the day she answered (a fact), `recorded_at` when
-- it was typed. The answers are a JSON object; the scores are rows of their own, one per score
-- of the instrument in its order (`position`), NULL when an item of the score is unanswered,
-- so that the outcome reports can pair a woman's baseline with her follow-up in SQL. Money
-- scores are whole rials.

CREATE TABLE instruments (
    code TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 50),
    version INTEGER NOT NULL CHECK (version >= 1),
    definition TEXT NOT NULL,
    scheduled INTEGER NOT NULL CHECK (scheduled IN (0, 1)),
    created_by INTEGER NULL REFERENCES users (id),
    created_by_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (code, version)
);

CREATE TABLE assessments (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    woman_id INTEGER NOT NULL REFERENCES women (id),
    province_id INTEGER NOT NULL REFERENCES places (id),
    county_id INTEGER NOT NULL REFERENCES places (id),
    instrument_code TEXT NOT NULL,
    instrument_version INTEGER NOT NULL,
    occasion TEXT NOT NULL CHECK (occasion IN ('baseline', 'follow_up', 'exit', 'after_exit_6',
        'after_exit_12')),
    round INTEGER NOT NULL CHECK (round >= 0),
    taken_on TEXT NOT NULL,
    complete INTEGER NOT NULL CHECK (complete IN (0, 1)),
    answers TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('form', 'import')),
    note TEXT NULL,
    recorded_by INTEGER NULL REFERENCES users (id),
    recorded_by_name TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    FOREIGN KEY (instrument_code, instrument_version) REFERENCES instruments (code, version),
    UNIQUE (woman_id, instrument_code, occasion, round),
    CHECK ((occasion = 'follow_up') = (round >= 1))
);

CREATE INDEX assessments_woman ON assessments (woman_id, id);
CREATE INDEX assessments_place ON assessments (province_id, county_id, instrument_code, id);

CREATE TABLE assessment_scores (
    assessment_id INTEGER NOT NULL REFERENCES assessments (id),
    score_code TEXT NOT NULL,
    position INTEGER NOT NULL CHECK (position >= 0),
    value INTEGER NULL,
    PRIMARY KEY (assessment_id, score_code)
);

CREATE INDEX assessment_scores_code ON assessment_scores (score_code, assessment_id);
