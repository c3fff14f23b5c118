-- The SMS outbox (issue 21) for SQLite: each woman's consent to text messages with her quiet
-- hours, and the messages waiting, sent, delivered or given up. Must describe the same tables
-- and columns as migrations/postgres/0039_sms_outbox.sql (checked by tests/migrations_agree.rs).
--
-- Consent is a history: each row is her answer on a day (`decided_on`, the fact) as the office
-- typed it (`recorded_at`); the one in force is the latest by day, then by id. Rows are never
-- changed. Each carries her province and county, so scoping reads it like her file.
--
-- A message is one row per `idempotency_key` (the kind and the record it is about, such as
-- `saving_receipt.meeting.12.woman.34`): enqueueing the same receipt twice finds the row
-- already there. Its state moves queued → sending → sent → delivered, or to failed or
-- cancelled. `next_attempt_at` is when a queued message is due and, while it is being sent,
-- when its lease runs out (a dispatcher that died mid-send leaves it to be claimed again);
-- `attempts` counts the claims and fences a late answer from a dispatcher whose lease ran out.
-- `last_error` is a code (`timeout`, `http_503`, `no_consent`), never personal data.

CREATE TABLE sms_consents (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    woman_id INTEGER NOT NULL REFERENCES women (id),
    province_id INTEGER NOT NULL REFERENCES places (id),
    county_id INTEGER NOT NULL REFERENCES places (id),
    consented INTEGER NOT NULL CHECK (consented IN (0, 1)),
    decided_on TEXT NOT NULL,
    quiet_start_minute INTEGER NOT NULL CHECK (quiet_start_minute BETWEEN 0 AND 1439),
    quiet_end_minute INTEGER NOT NULL CHECK (quiet_end_minute BETWEEN 0 AND 1439),
    recorded_by INTEGER NULL REFERENCES users (id),
    recorded_by_name TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);

CREATE INDEX sms_consents_woman ON sms_consents (woman_id, decided_on, id);

CREATE TRIGGER sms_consents_no_update BEFORE UPDATE ON sms_consents
BEGIN
    SELECT RAISE(ABORT, 'sms_consents is append-only');
END;

CREATE TRIGGER sms_consents_no_delete BEFORE DELETE ON sms_consents
BEGIN
    SELECT RAISE(ABORT, 'sms_consents is append-only');
END;

CREATE TABLE sms_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE CHECK (length(idempotency_key) BETWEEN 1 AND 200),
    woman_id INTEGER NOT NULL REFERENCES women (id),
    province_id INTEGER NOT NULL REFERENCES places (id),
    county_id INTEGER NOT NULL REFERENCES places (id),
    mobile TEXT NOT NULL,
    body TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('meeting_reminder', 'saving_receipt',
        'repayment_receipt', 'visit_notice', 'assessment_due')),
    state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'delivered', 'failed',
        'cancelled')),
    attempts INTEGER NOT NULL CHECK (attempts >= 0),
    next_attempt_at TEXT NOT NULL,
    quiet_start_minute INTEGER NOT NULL CHECK (quiet_start_minute BETWEEN 0 AND 1439),
    quiet_end_minute INTEGER NOT NULL CHECK (quiet_end_minute BETWEEN 0 AND 1439),
    provider_message_id TEXT NULL,
    last_error TEXT NULL CHECK (last_error IS NULL OR length(last_error) <= 100),
    created_at TEXT NOT NULL,
    sent_at TEXT NULL,
    delivered_at TEXT NULL,
    finished_at TEXT NULL,
    CHECK (state NOT IN ('sent', 'delivered') OR (sent_at IS NOT NULL
        AND provider_message_id IS NOT NULL)),
    CHECK ((state = 'delivered') = (delivered_at IS NOT NULL))
);

-- The dispatcher's claim: due queued messages and sending ones whose lease ran out, oldest
-- first. Only the few unfinished messages are in it.
CREATE INDEX sms_outbox_due ON sms_outbox (next_attempt_at, id)
    WHERE state IN ('queued', 'sending');
-- Delivery reports are asked for messages sent and not yet delivered.
CREATE INDEX sms_outbox_sent ON sms_outbox (sent_at, id) WHERE state = 'sent';
CREATE INDEX sms_outbox_woman ON sms_outbox (woman_id, created_at);
CREATE INDEX sms_outbox_place ON sms_outbox (province_id, county_id, created_at);
