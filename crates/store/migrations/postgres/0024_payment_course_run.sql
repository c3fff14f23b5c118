-- A payment to a training provider names the course run it paid for (issue 18), so a run's cost
-- — per enrolled woman, per completer, per hour delivered — is read from the payments the
-- ledger paid, never typed. One run per payment: a provider's invoice is for one run, and a
-- cost split between runs would be a guess. Must describe the same columns as the file of the
-- other engine.

ALTER TABLE payments ADD COLUMN course_run_id BIGINT NULL REFERENCES course_runs (id);

CREATE INDEX payments_course_run ON payments (course_run_id, status);
