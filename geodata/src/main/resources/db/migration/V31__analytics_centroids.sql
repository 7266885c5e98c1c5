-- Metric centroids of the analysis features, stored once instead of transformed on every hot-spot or
-- emerging-hot-spot request (EPSG:4543, metres). Generated, so they follow every geometry change.
ALTER TABLE unit_cell
    ADD COLUMN centroid_4543 geometry(Point, 4543) GENERATED ALWAYS AS (ST_Centroid(ST_Transform(geom, 4543))) STORED;
ALTER TABLE region
    ADD COLUMN centroid_4543 geometry(Point, 4543) GENERATED ALWAYS AS (ST_Centroid(ST_Transform(geom, 4543))) STORED;
