-- The JSON API's remembered writes are kept for a while, not for ever (issue 21). Must
-- describe the same index as migrations/sqlite/0041_api_requests_kept.sql.
--
-- A key only has to outlive the client's retries: the field app wipes its queue after 14
-- days, so a remembered write older than that can no longer come again from a phone.
-- `App::forget_old_api_requests` removes those past the kept period, oldest first, in
-- bounded batches, and this index lets it find them without reading the whole table.
CREATE INDEX api_requests_recorded_at ON api_requests (recorded_at);
