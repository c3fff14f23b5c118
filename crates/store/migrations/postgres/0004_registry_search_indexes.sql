-- Indexes for searching one county or province by name, and for finding likely duplicates;
-- and two fewer indexes on women.
--
-- A county's name search matches its prefix against either key. The reversed key has had a
-- (county_id, name_key_reversed, id) index since 0003, but the plain key only a nationwide
-- one, so a prefix common elsewhere and absent from the county was checked row by row in the
-- table across the country: 0.59 s over a million women. With the place in the plain key's
-- index the county is checked in the index itself, without reading a row of the table.
--
-- Likely duplicates are women with the same folded name AND birth date; with birth_date right
-- after name_key the same index finds them directly, and still serves a nationwide prefix.
--
-- Every index costs each registration, and a large import rebuilds them all (about 0.6 s per
-- index per 300,000 women here), so two go. Nothing filters or sorts women on created_at
-- ("newest" is by id). A status filter always comes with a list order, and the order's own
-- index finds a page of one status soon enough: even a status held by one woman in a hundred
-- is met within a few thousand index entries.
DROP INDEX women_created_at;
DROP INDEX women_coverage_status;
DROP INDEX women_name_key;
CREATE INDEX women_name_key_birth_place ON women (name_key, birth_date, province_id, county_id);
