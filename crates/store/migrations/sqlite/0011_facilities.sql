-- A woman's facility history for SQLite: every grant and loan she received, from this
-- programme (written when a grant tranche is approved) or declared from another body. Must
-- describe the same tables and columns as migrations/postgres/0011_facilities.sql (checked by
-- tests/migrations_agree.rs).
--
-- Like the group life tables, rows carry no province or county of their own: they belong to a
-- woman and are scoped through `women`, so a woman who moves takes her history with her.
-- `grant_tranche_id` names the tranche of the grants tables (another migration) without a
-- foreign key, so this history does not depend on their shape; it is indexed through the
-- unique pair below, which also stops one tranche being recorded twice for one woman.
-- Rows are never deleted; the only change is setting `withdrawn_on` once on a programme row
-- when its tranche is reversed (triggers below).
CREATE TABLE woman_facilities (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    woman_id INTEGER NOT NULL REFERENCES women (id),
    source TEXT NOT NULL CHECK (source IN ('programme', 'declared')),
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
    ),
    UNIQUE (grant_tranche_id, woman_id)
);

CREATE INDEX woman_facilities_woman ON woman_facilities (woman_id, granted_on);

CREATE TRIGGER woman_facilities_no_delete BEFORE DELETE ON woman_facilities
BEGIN
    SELECT RAISE(ABORT, 'woman_facilities is append-only');
END;

CREATE TRIGGER woman_facilities_only_withdrawal BEFORE UPDATE ON woman_facilities
WHEN OLD.withdrawn_on IS NOT NULL OR NEW.withdrawn_on IS NULL OR OLD.source <> 'programme'
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
