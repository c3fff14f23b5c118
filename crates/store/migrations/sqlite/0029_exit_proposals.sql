-- Exits as empowered with four eyes (issue 19). Must describe the same tables and columns as
-- migrations/postgres/0029_exit_proposals.sql (checked by tests/migrations_agree.rs).
--
-- A social worker proposes that a woman (or a group) leave support as empowered, with the
-- evidence in words and the verdicts of the province's criteria as they stood that day (JSON,
-- kept as proposed). An expert other than the proposer approves it — which, in the same
-- transaction, ends her coverage episode (or moves the group to graduated) — or returns it
-- with a reason. A proposal changes state once, from proposed, by a conditional update; a
-- woman or a group has at most one open proposal (partial unique indices).

CREATE TABLE exit_proposals (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    subject TEXT NOT NULL CHECK (subject IN ('woman', 'group')),
    woman_id INTEGER NULL REFERENCES women (id),
    group_id INTEGER NULL REFERENCES hamyar_groups (id),
    province_id INTEGER NOT NULL REFERENCES places (id),
    county_id INTEGER NOT NULL REFERENCES places (id),
    state TEXT NOT NULL CHECK (state IN ('proposed', 'approved', 'returned')),
    proposed_on TEXT NOT NULL,
    evidence TEXT NOT NULL CHECK (length(evidence) BETWEEN 1 AND 2000),
    verdicts TEXT NOT NULL,
    proposed_by INTEGER NULL REFERENCES users (id),
    proposed_by_name TEXT NOT NULL,
    proposed_at TEXT NOT NULL,
    decided_on TEXT NULL,
    decided_by INTEGER NULL REFERENCES users (id),
    decided_by_name TEXT NULL,
    decision_note TEXT NULL,
    decided_at TEXT NULL,
    CHECK ((subject = 'woman') = (woman_id IS NOT NULL)),
    CHECK ((subject = 'group') = (group_id IS NOT NULL)),
    CHECK ((state = 'proposed') = (decided_on IS NULL)),
    CHECK (decided_on IS NULL OR decided_on >= proposed_on)
);

CREATE UNIQUE INDEX exit_proposals_open_woman ON exit_proposals (woman_id)
    WHERE state = 'proposed' AND woman_id IS NOT NULL;
CREATE UNIQUE INDEX exit_proposals_open_group ON exit_proposals (group_id)
    WHERE state = 'proposed' AND group_id IS NOT NULL;
CREATE INDEX exit_proposals_place ON exit_proposals (province_id, county_id, state, id);
CREATE INDEX exit_proposals_woman ON exit_proposals (woman_id, id);
CREATE INDEX exit_proposals_group ON exit_proposals (group_id, id);
