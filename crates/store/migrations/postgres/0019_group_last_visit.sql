-- The day of a group's latest visit, kept on its row (issue 15's speed): the work list and the
-- dashboards ask, for every group of a place, how long it has gone without a visit; reading
-- the latest of its visits per group cost the country's list ~130 ms. Visits are only ever
-- added, so the store raises the day as it records a visit (never lowers it), and a bulk load
-- past the use-cases sets it again with the tallies' rebuild.
-- Must describe the same tables and columns as the file of the other engine.

ALTER TABLE hamyar_groups ADD COLUMN last_visited_on TEXT COLLATE "C" NULL;

UPDATE hamyar_groups SET last_visited_on = (
    SELECT MAX(v.visited_on) FROM group_visits v WHERE v.group_id = hamyar_groups.id
);
