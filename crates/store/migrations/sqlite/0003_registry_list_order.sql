-- Lists of a county or a province are sorted by "last first" name (`name_key_reversed`, then
-- id). With a million women the (county_id, name_key) indexes could filter but not order, so
-- a county's first page sorted its whole county in memory (3.4 s measured over 1,000,000
-- rows). These indexes serve filter and order together, so a page reads only its own rows.
DROP INDEX women_county_name_key;
DROP INDEX women_province_name_key;
CREATE INDEX women_county_name_order ON women (county_id, name_key_reversed, id);
CREATE INDEX women_province_name_order ON women (province_id, name_key_reversed, id);
