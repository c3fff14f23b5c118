-- The JSON API's writes done once (issue 21) for PostgreSQL. Must describe the same
-- table as migrations/sqlite/0040_api_requests.sql (checked by tests/migrations_agree.rs).
--
-- Every write through /api/v1 carries an Idempotency-Key chosen by the client. The first
-- request with a key does its work and, in the same transaction, leaves a row here with the
-- fingerprint of what was asked (method, route, body) and the result it gave; a repeat of
-- that key by the same person finds the row and is answered with the same result, doing
-- nothing again. A key is the person's own: two people cannot collide. The result is the
-- use-case's answer as JSON (an id, a version), never a woman's personal data.
CREATE TABLE api_requests (
    user_id BIGINT NOT NULL REFERENCES users (id),
    idempotency_key TEXT COLLATE "C" NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
    fingerprint TEXT NOT NULL,
    result TEXT NOT NULL CHECK (length(result) <= 4000),
    recorded_at TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (user_id, idempotency_key)
);
