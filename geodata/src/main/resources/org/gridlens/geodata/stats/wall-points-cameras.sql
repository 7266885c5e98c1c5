-- Cameras as points for the wall's cameras layer (bounded by bind 1); names are codes only.
SELECT code, code, 'camera', ST_X(geom), ST_Y(geom) FROM camera ORDER BY code LIMIT ?
