-- Positions of the (dimension, key) counts in grid_month_incidents.counts (migration V33).
SELECT pos, dim, key FROM incident_rollup_key
