-- The audit trail becomes keyed (issue 14): each row names the scheme that sealed it and, for
-- keyed rows, the fingerprint of the key (never the key, which lives outside the database).
-- Rows written before this migration keep the first scheme, plain SHA-256: they are history
-- and verify as before (adding a column with a constant default rewrites no row).
-- `audit_subjects` lists the further records a row is about — the women a list page or an
-- export showed — with each one's place, so that the subject filter finds the row under every
-- woman it names, and an auditor of her county finds it. Its primary key leads with the
-- subject, which is how the browser looks it up; the `seq` index serves the verifier's walk.
-- Like the trail it is append-only. Must describe the same tables and columns as the file of
-- the other engine.

ALTER TABLE audit_log ADD COLUMN mac_scheme TEXT COLLATE "C" NOT NULL DEFAULT 'sha256';
ALTER TABLE audit_log ADD COLUMN key_id TEXT COLLATE "C" NULL;

-- `seq` has no foreign key: the row's MAC covers its subjects, and a key would make
-- PostgreSQL refuse TRUNCATE of audit_log for the key's sake before its own trigger says why.
CREATE TABLE audit_subjects (
    seq BIGINT NOT NULL,
    entity_kind TEXT COLLATE "C" NOT NULL,
    entity_id TEXT COLLATE "C" NOT NULL,
    province_id BIGINT NULL,
    county_id BIGINT NULL,
    CONSTRAINT audit_subjects_pkey PRIMARY KEY (entity_kind, entity_id, seq)
);

CREATE INDEX audit_subjects_seq ON audit_subjects (seq);

CREATE TRIGGER audit_subjects_no_update BEFORE UPDATE ON audit_subjects
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();

CREATE TRIGGER audit_subjects_no_delete BEFORE DELETE ON audit_subjects
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();

CREATE TRIGGER audit_subjects_no_truncate BEFORE TRUNCATE ON audit_subjects
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
