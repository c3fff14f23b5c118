-- The outcome report (issue 19) for PostgreSQL: must describe the same indices as
-- migrations/sqlite/0031_outcome_report_indices.sql (checked by tests/migrations_agree.rs).
--
-- A score's pairs start from the forms of one instrument taken in a span in a province or a
-- county (the latest later form of each woman), so the forms are found by place, instrument
-- and day; her baseline is then found by the forms' unique key (woman, instrument, occasion,
-- round) and its score by the scores' primary key.

CREATE INDEX assessments_province_taken ON assessments (province_id, instrument_code, taken_on);
CREATE INDEX assessments_county_taken ON assessments (county_id, instrument_code, taken_on);
