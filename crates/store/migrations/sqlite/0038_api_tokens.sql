-- Personal API tokens (issue 21) for SQLite: what a person hands to a program so it may call
-- /api/v1 in her name, and the log of every call made with one. Must describe the same tables
-- and columns as migrations/postgres/0038_api_tokens.sql (checked by tests/migrations_agree.rs).
--
-- The secret itself is never stored: `secret_hash` is the hex SHA-256 of what the person was
-- shown once, and a presented token is found by its hash (unique). A token acts for its owner
-- within a scope she chose inside her own, kept like a user's scope: the place it is anchored
-- at and, denormalised, its province and county (NULL for the country). A token ends when it
-- expires or is revoked (by her, or by an administrator: `revoked_by`); it is never deleted,
-- so the use log and the audit rows that name it keep their meaning. `last_used_at` is
-- refreshed at most once a minute; the use log holds every call.
--
-- A use names the route template (`/api/v1/women/{id}`) and never the path or the query
-- string, which may hold a national ID or a name.

CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users (id),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
    secret_hash TEXT NOT NULL UNIQUE CHECK (length(secret_hash) = 64),
    access TEXT NOT NULL CHECK (access IN ('read', 'write')),
    scope_place_id INTEGER NOT NULL REFERENCES places (id),
    province_id INTEGER NULL REFERENCES places (id),
    county_id INTEGER NULL REFERENCES places (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT NULL,
    revoked_by INTEGER NULL REFERENCES users (id),
    last_used_at TEXT NULL,
    CHECK (expires_at > created_at),
    CHECK (county_id IS NULL OR province_id IS NOT NULL),
    CHECK (revoked_by IS NULL OR revoked_at IS NOT NULL)
);

CREATE INDEX api_tokens_user ON api_tokens (user_id, created_at);

CREATE TABLE api_token_uses (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    token_id INTEGER NOT NULL REFERENCES api_tokens (id),
    used_at TEXT NOT NULL,
    method TEXT NOT NULL CHECK (length(method) BETWEEN 1 AND 10),
    route TEXT NOT NULL CHECK (length(route) BETWEEN 1 AND 200),
    status INTEGER NOT NULL CHECK (status BETWEEN 100 AND 599)
);

CREATE INDEX api_token_uses_token ON api_token_uses (token_id, used_at);
