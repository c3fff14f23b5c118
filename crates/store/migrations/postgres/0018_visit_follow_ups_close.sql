-- Visits that close (issue 15). A follow-up asked at a visit is owed until it is closed, in one
-- of two ways: resolved explicitly (the date and note were already kept in
-- `follow_up_done_on` and `follow_up_note`; `follow_up_done_by_name` now keeps who resolved
-- it), or answered by the group's next visit (`follow_up_closed_by_visit_id`).
-- `follow_up_closed_on` is the day it stopped being owed: the resolution's date, or the
-- answering visit's own `visited_on` (the day it happened, not the day it was typed). The
-- store keeps one invariant: an open follow-up never has a later visit of its group.
-- Must describe the same tables and columns as the file of the other engine.

ALTER TABLE group_visits ADD COLUMN follow_up_done_by_name TEXT NOT NULL DEFAULT '';
ALTER TABLE group_visits ADD COLUMN follow_up_closed_by_visit_id BIGINT NULL
    REFERENCES group_visits (id)
    CHECK (follow_up_closed_by_visit_id IS NULL OR follow_up_done_on IS NULL);
ALTER TABLE group_visits ADD COLUMN follow_up_closed_on TEXT COLLATE "C" NULL
    CHECK (follow_up_closed_on IS NULL
           OR (follow_up_due IS NOT NULL AND follow_up_closed_on >= visited_on));

-- Follow-ups resolved before this version keep their date.
UPDATE group_visits SET follow_up_closed_on = follow_up_done_on
WHERE follow_up_done_on IS NOT NULL AND follow_up_due IS NOT NULL;

-- Follow-ups still open although the group was visited again since: the earliest later visit
-- answered them, on its own date.
UPDATE group_visits SET follow_up_closed_by_visit_id = (
    SELECT later.id FROM group_visits later
    WHERE later.group_id = group_visits.group_id AND later.visited_on > group_visits.visited_on
    ORDER BY later.visited_on, later.id LIMIT 1
)
WHERE follow_up_due IS NOT NULL AND follow_up_closed_on IS NULL;
UPDATE group_visits SET follow_up_closed_on = (
    SELECT answer.visited_on FROM group_visits answer
    WHERE answer.id = group_visits.follow_up_closed_by_visit_id
)
WHERE follow_up_closed_by_visit_id IS NOT NULL;

-- The work list reads only follow-ups still owed, by due date; recording a visit looks up its
-- group's open follow-ups.
DROP INDEX group_visits_owed;
CREATE INDEX group_visits_owed ON group_visits (follow_up_due, group_id)
    WHERE follow_up_closed_on IS NULL AND follow_up_due IS NOT NULL;
CREATE INDEX group_visits_open_by_group ON group_visits (group_id, visited_on)
    WHERE follow_up_closed_on IS NULL AND follow_up_due IS NOT NULL;
