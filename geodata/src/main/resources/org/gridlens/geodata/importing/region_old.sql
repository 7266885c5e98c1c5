-- The shapes regions had before this import: with the new ones they bound what must be re-joined.
CREATE TEMP TABLE import_region_old ON COMMIT DROP AS
SELECT r.code, r.geom FROM region r JOIN import_staging s ON s.key = r.code;
