-- Foundation schema for SQLite: places and their names over time, users, sessions and the
-- append-only, hash-chained audit log. Must describe the same tables and columns as
-- migrations/postgres/0001_foundation.sql (checked by tests/migrations_agree.rs).
-- Timestamps are TEXT written by `storage_timestamp` (RFC 3339, UTC, milliseconds), so text
-- order is time order. AUTOINCREMENT keeps ids from being reused, which matters because
-- audit rows refer to users and places by id.

CREATE TABLE places (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('country', 'province', 'county')),
    parent_id INTEGER NULL REFERENCES places (id),
    code TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);

CREATE INDEX places_parent_id ON places (parent_id);

CREATE TABLE place_names (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    place_id INTEGER NOT NULL REFERENCES places (id),
    name_fa TEXT NOT NULL,
    name_en TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    UNIQUE (place_id, valid_from)
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    scope_place_id INTEGER NOT NULL REFERENCES places (id),
    province_id INTEGER NULL REFERENCES places (id),
    county_id INTEGER NULL REFERENCES places (id),
    password_hash TEXT NOT NULL,
    locale TEXT NOT NULL,
    money_unit TEXT NOT NULL,
    disabled_at TEXT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE INDEX users_province_id ON users (province_id);
CREATE INDEX users_county_id ON users (county_id);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
);

CREATE INDEX sessions_user_id ON sessions (user_id);
CREATE INDEX sessions_last_seen_at ON sessions (last_seen_at);

-- `seq` is assigned by the adapter (last + 1) inside the write lock, never by the database,
-- because it is part of the hashed content. actor_user_id deliberately has no foreign key:
-- the trail must outlive whatever it mentions.
CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY NOT NULL,
    at TEXT NOT NULL,
    actor_user_id INTEGER NULL,
    actor_name TEXT NOT NULL,
    action TEXT NOT NULL,
    entity_kind TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    province_id INTEGER NULL,
    county_id INTEGER NULL,
    before_json TEXT NULL,
    after_json TEXT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE
);

CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_province_at ON audit_log (province_id, at);
CREATE INDEX audit_log_county_at ON audit_log (county_id, at);
CREATE INDEX audit_log_actor_user_id ON audit_log (actor_user_id);
CREATE INDEX audit_log_entity ON audit_log (entity_kind, entity_id);
CREATE INDEX audit_log_action ON audit_log (action);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
