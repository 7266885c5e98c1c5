-- Public facilities as points for the wall's facilities layer (bounded by bind 1).
SELECT code, name, type, ST_X(geom), ST_Y(geom) FROM facility ORDER BY code LIMIT ?
