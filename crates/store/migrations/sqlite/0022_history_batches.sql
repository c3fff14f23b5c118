-- A province's historical payments and grants, imported from its spreadsheets (issue 17).
-- Must describe the same tables and columns as migrations/postgres/0022_history_batches.sql.
--
-- Four eyes hold for history too: whoever imports the file only *proposes* its payments and
-- grants (on their real dates); the approvals and payments written on paper wait, row by row
-- in `paper_decisions`, for a second person in Hamyar, who confirms the whole batch (each
-- decision then goes through the very approve and pay use-cases, on its paper date, with the
-- confirmer as the approver) or refuses it with a reason (its proposals are rejected). The
-- paper approver's name is kept as written, never taken for a Hamyar user.
--
-- The scan of the paper file (the payment vouchers) that backs the batch's paid payments is
-- kept on the batch itself, like any evidence file: in the database, so a backup has it.

CREATE TABLE history_batches (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('payments', 'grants')),
    province_id INTEGER NOT NULL REFERENCES places (id),
    source TEXT NOT NULL,
    imported_by INTEGER NULL REFERENCES users (id),
    imported_by_name TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('waiting', 'confirmed', 'refused')),
    decided_by INTEGER NULL REFERENCES users (id),
    decided_by_name TEXT NULL,
    decided_at TEXT NULL,
    refusal_reason TEXT NULL,
    evidence_file_name TEXT NULL,
    evidence_content_type TEXT NULL
        CHECK (evidence_content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
    evidence_sha256 TEXT NULL,
    evidence_content BLOB NULL,
    CHECK (status <> 'refused' OR (refusal_reason IS NOT NULL AND length(refusal_reason) > 0)),
    CHECK (status = 'waiting' OR decided_at IS NOT NULL)
);

CREATE INDEX history_batches_place ON history_batches (province_id, status, id);

-- One paper decision of a batch: the payment or the grant tranche it decides (exactly one),
-- the spreadsheet row it came from, the day it was approved and the day it was paid (if it
-- was), and who signed it on paper.
CREATE TABLE paper_decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    batch_id INTEGER NOT NULL REFERENCES history_batches (id),
    row_number INTEGER NOT NULL,
    payment_id INTEGER NULL UNIQUE REFERENCES payments (id),
    tranche_id INTEGER NULL UNIQUE REFERENCES grant_tranches (id),
    approved_on TEXT NOT NULL,
    paid_on TEXT NULL,
    approver_name TEXT NOT NULL CHECK (length(approver_name) BETWEEN 1 AND 200),
    CHECK ((payment_id IS NULL) <> (tranche_id IS NULL)),
    CHECK (paid_on IS NULL OR paid_on >= approved_on)
);

CREATE INDEX paper_decisions_batch ON paper_decisions (batch_id, row_number, id);
