-- Known devices (issue 14): a browser that has logged into an account keeps a random token in
-- a long-lived cookie; only its SHA-256 is stored, one row per browser and account. A browser
-- that shows a known token is exempt from the login budgets strangers share, so nobody can
-- lock a user out of her own computer. Rows go with their account, after a long disuse, and
-- beyond the most recent few per account.
-- Must describe the same tables and columns as the file of the other engine.

CREATE TABLE known_devices (
    token_hash TEXT COLLATE "C" NOT NULL,
    user_id BIGINT NOT NULL CONSTRAINT known_devices_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    first_seen_at TEXT COLLATE "C" NOT NULL,
    last_seen_at TEXT COLLATE "C" NOT NULL,
    CONSTRAINT known_devices_pkey PRIMARY KEY (token_hash, user_id)
);

CREATE INDEX known_devices_user_last_seen ON known_devices (user_id, last_seen_at);
CREATE INDEX known_devices_last_seen ON known_devices (last_seen_at);
