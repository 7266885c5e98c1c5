-- People of a group per grid and how many live within reach of a facility of a type.
-- Placeholders: {group} is a fixed predicate from PopulationGroup (binds for the reference year come first).
-- Binds after the group's: type, include-proposal flag, proposed lon, proposed lat, reach (m) twice.
WITH b AS (
    SELECT bl.id, bl.grid_code, ST_Centroid(ST_Transform(bl.geom, 4543)) AS g, count(*) AS n
    FROM building bl
    JOIN housing_unit h ON h.building_id = bl.id
    JOIN resident r ON r.housing_unit_id = h.id
    WHERE bl.grid_code IS NOT NULL AND ({group})
    GROUP BY bl.id
), f AS (
    SELECT ST_Transform(geom, 4543) AS g FROM facility WHERE type = ?
), p AS (
    SELECT ST_Transform(ST_SetSRID(ST_MakePoint(?, ?), 4326), 4543) AS g WHERE ?
), bc AS (
    SELECT b.grid_code, b.n,
           EXISTS (SELECT 1 FROM f WHERE ST_DWithin(f.g, b.g, ?)) AS covered,
           EXISTS (SELECT 1 FROM p WHERE ST_DWithin(p.g, b.g, ?)) AS by_proposal
    FROM b
)
SELECT r.code, r.name,
       coalesce(sum(bc.n), 0),
       coalesce(sum(bc.n) FILTER (WHERE bc.covered), 0),
       coalesce(sum(bc.n) FILTER (WHERE bc.covered OR bc.by_proposal), 0)
FROM region r
LEFT JOIN bc ON bc.grid_code = r.code
WHERE r.level = 'grid'
GROUP BY r.code, r.name
ORDER BY r.code
