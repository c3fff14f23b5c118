-- The training report (issue 18) counts a place's runs whose last session falls in a span, and
-- reads their enrolments by outcome: two indices find a county's or a province's runs by their
-- last day, another counts a run's enrolments by status without reading the rows. Must describe
-- the same indices as the file of the other engine.

CREATE INDEX course_runs_county_ended ON course_runs (county_id, ends_on);

CREATE INDEX course_runs_province_ended ON course_runs (province_id, ends_on);

CREATE INDEX enrolments_run_status ON enrolments (run_id, status);
