-- Incident positions in EPSG:4543 (CGCS2000 / 3-degree Gauss-Kruger CM 102E, metres), stored.
--
-- Hot areas cluster every incident of a window (a million over three years on the district) in metres.
-- Projecting the points on every request cost more than reading them (ST_Transform per row), and even a
-- stored point geometry costs a function call per coordinate (ST_X/ST_Y); two plain doubles are read as
-- they lie. Generated columns, so every writer (intake, import, demo COPY, workflow moves) gets them
-- from the same INSERT or UPDATE it already runs, with no trigger: exact by construction on insert,
-- on a moved point and on delete. The values are bit-identical to ST_X/ST_Y(ST_Transform(geom, 4543))
-- computed at query time.
--
-- Adding them rewrites the table once (one projection per existing row).

ALTER TABLE incident
    ADD COLUMN x_4543 double precision GENERATED ALWAYS AS (ST_X(ST_Transform(geom, 4543))) STORED,
    ADD COLUMN y_4543 double precision GENERATED ALWAYS AS (ST_Y(ST_Transform(geom, 4543))) STORED;
