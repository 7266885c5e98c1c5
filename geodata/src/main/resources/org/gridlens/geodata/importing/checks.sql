-- @statement transform: projected sources (EPSG:4543, EPSG:3857) to the storage SRID
UPDATE import_staging SET geom = ST_Transform(geom, 4326) WHERE ST_SRID(geom) <> 4326;

-- @statement repair-flag: polygons that break the OGC validity rules (self-intersections, bad rings)
INSERT INTO import_issue (row_no, field, value, reason, outcome)
SELECT row_no, 'geom', NULL, 'invalid geometry repaired with ST_MakeValid: ' || ST_IsValidReason(geom), 'REPAIRED'
FROM import_staging
WHERE GeometryType(geom) IN ('POLYGON', 'MULTIPOLYGON') AND NOT ST_IsValid(geom);

-- @statement repair
UPDATE import_staging SET geom = ST_Multi(ST_CollectionExtract(ST_MakeValid(geom), 3))
WHERE GeometryType(geom) IN ('POLYGON', 'MULTIPOLYGON') AND NOT ST_IsValid(geom);

-- @statement repair-empty: repairs that left no area (e.g. a ring collapsed to a line)
INSERT INTO import_issue (row_no, field, value, reason, outcome)
SELECT row_no, 'geom', NULL, 'geometry has no area left after repair', 'REJECTED'
FROM import_staging
WHERE ST_IsEmpty(geom);

-- @statement duplicates: the same id twice in one file: the first row wins, later ones are rejected
INSERT INTO import_issue (row_no, field, value, reason, outcome)
SELECT row_no, ?, key, 'duplicate id in the file (first at row ' || first_row || ')', 'REJECTED'
FROM (SELECT row_no, key, min(row_no) OVER (PARTITION BY key) AS first_row FROM import_staging) d
WHERE row_no <> first_row;
