-- Dashboards (issue 6) count groups under follow-up in a window of time without reading the
-- stage history: each group row keeps the day it was first registered (its first move into a
-- stage from `registered` on, before any end) and the day it ended (its first move into
-- `dissolved` or `graduated`). `groups::stages` recomputes both from the history after every
-- move, like the current stage. The indexes serve the dashboard's grouped reads. Must describe
-- the same tables and columns as the file of the other engine.

ALTER TABLE hamyar_groups ADD COLUMN registered_on TEXT NULL;
ALTER TABLE hamyar_groups ADD COLUMN ended_on TEXT NULL;

UPDATE hamyar_groups SET
    registered_on = (
        SELECT MIN(h.effective_on) FROM group_stage_history h
        WHERE h.group_id = hamyar_groups.id
          AND h.stage IN ('registered', 'funded', 'active', 'inactive', 'reactivated')
    ),
    ended_on = (
        SELECT MIN(h.effective_on) FROM group_stage_history h
        WHERE h.group_id = hamyar_groups.id AND h.stage IN ('dissolved', 'graduated')
    );

-- Each index below holds every column its dashboard query reads, so the query reads the
-- index alone and never looks a row up (at 300,000 women, 50,000 groups and their
-- histories, the row look-ups were most of the time: docs/BENCHMARKS.md, issue 6).
-- Women merged into another record are never counted: the count of all women comes from the
-- place and status indexes and the merged ones, few, are taken off from a partial index of
-- their own (an index carrying `merged_into`, or partial on `merged_into IS NULL`, would be
-- taken by PostgreSQL's planner for any search of women, which leaves merged records out).
CREATE INDEX hamyar_groups_registered_on
    ON hamyar_groups (registered_on, ended_on, province_id, county_id);
CREATE INDEX group_stage_history_effective_on
    ON group_stage_history (effective_on, group_id, stage);
CREATE INDEX group_stage_history_group_stage
    ON group_stage_history (group_id, effective_on, id, stage);
CREATE INDEX group_members_group_open
    ON group_members (group_id, joined_on, left_on, woman_id);
CREATE INDEX women_province_status
    ON women (province_id, coverage_status);
CREATE INDEX women_place_status
    ON women (province_id, county_id, coverage_status);
CREATE INDEX women_merged_place_status
    ON women (province_id, county_id, coverage_status) WHERE merged_into IS NOT NULL;
CREATE INDEX coverage_episodes_status_started
    ON coverage_episodes (status, started_on, woman_id, exit_reason);
CREATE INDEX group_visits_visited_on ON group_visits (visited_on, group_id);
CREATE INDEX group_business_months_year_month
    ON group_business_months (year, month, group_id, revenue_rials, profit_rials);
