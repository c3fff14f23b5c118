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

CREATE INDEX hamyar_groups_registered_on ON hamyar_groups (registered_on);
CREATE INDEX group_stage_history_effective_on ON group_stage_history (effective_on, group_id);
CREATE INDEX women_place_status ON women (province_id, county_id, coverage_status);
CREATE INDEX coverage_episodes_status_started ON coverage_episodes (status, started_on);
CREATE INDEX group_visits_visited_on ON group_visits (visited_on, group_id);
CREATE INDEX group_business_months_year_month ON group_business_months (year, month);
