-- People of a group per grid and how many live within reach of a facility of a type.
-- Placeholders: {group} is a fixed predicate from PopulationGroup (binds for the reference year come first).
-- Binds after the group's: type, include-proposal flag, proposed lon, proposed lat, reach (m) twice.
-- The facilities are projected once (MATERIALIZED), and buildings are summed per grid before the join
-- to the 600 grids, so the grid join is a hash join over ≤ 600 rows.
WITH b AS (
    SELECT bl.id, bl.grid_code, count(*) AS n
    FROM building bl
    JOIN housing_unit h ON h.building_id = bl.id
    JOIN resident r ON r.housing_unit_id = h.id
    WHERE bl.grid_code IS NOT NULL AND ({group})
    GROUP BY bl.id
), bg AS MATERIALIZED (
    SELECT b.grid_code, b.n, ST_Centroid(ST_Transform(bl.geom, 4543)) AS g
    FROM b JOIN building bl ON bl.id = b.id
), f AS MATERIALIZED (
    SELECT ST_Transform(geom, 4543) AS g FROM facility WHERE type = ?
), p AS MATERIALIZED (
    SELECT ST_Transform(ST_SetSRID(ST_MakePoint(?, ?), 4326), 4543) AS g WHERE ?
), bc AS (
    SELECT bg.grid_code, bg.n,
           EXISTS (SELECT 1 FROM f WHERE ST_DWithin(f.g, bg.g, ?)) AS covered,
           EXISTS (SELECT 1 FROM p WHERE ST_DWithin(p.g, bg.g, ?)) AS by_proposal
    FROM bg
), per_grid AS (
    SELECT grid_code,
           sum(n) AS n,
           sum(n) FILTER (WHERE covered) AS covered,
           sum(n) FILTER (WHERE covered OR by_proposal) AS with_proposal
    FROM bc
    GROUP BY grid_code
)
SELECT r.code, r.name, coalesce(g.n, 0), coalesce(g.covered, 0), coalesce(g.with_proposal, 0)
FROM region r
LEFT JOIN per_grid g ON g.grid_code = r.code
WHERE r.level = 'grid'
ORDER BY r.code
