-- Like coverage_by_grid.sql (same placeholders, binds and columns), but a resident is covered when the
-- walk from a facility of the type to their building is within reach over the walking network (V36):
-- facility -> its nearest network vertex (straight) -> streets (pgr_drivingDistance) -> the building
-- centroid's nearest vertex -> the centroid (straight). One virtual root joins every facility of the
-- type to its vertex, so one search gives the distance from the nearest facility; the proposal gets
-- its own search. Binds after the group's: type, proposed lon, proposed lat, include-proposal flag,
-- reach (m) twice.
WITH b AS (
    SELECT bl.id, bl.grid_code, ST_Centroid(ST_Transform(bl.geom, 4543)) AS g, count(*) AS n
    FROM building bl
    JOIN housing_unit h ON h.building_id = bl.id
    JOIN resident r ON r.housing_unit_id = h.id
    WHERE bl.grid_code IS NOT NULL AND ({group})
    GROUP BY bl.id
), prm AS (
    SELECT ?::text AS type, ?::float8 AS lon, ?::float8 AS lat, ?::boolean AS with_p, ?::float8 AS reach, ?::float8 AS reach2
), bv AS (
    SELECT b.grid_code, b.n, v.id AS vid, ST_Distance(b.g, v.geom) AS snap
    FROM b CROSS JOIN LATERAL (SELECT id, geom FROM road_vertex ORDER BY geom <-> b.g LIMIT 1) v
), edges AS (
    SELECT 'SELECT id, source, target, cost, cost AS reverse_cost FROM road_edge UNION ALL '
           || 'SELECT 8000000000000000 + f.id, 9000000000000000, v.id, greatest(ST_Distance(ST_Transform(f.geom, 4543), v.geom), 0.001), -1 '
           || 'FROM facility f CROSS JOIN LATERAL (SELECT id, geom FROM road_vertex '
           || 'ORDER BY geom <-> ST_Transform(f.geom, 4543) LIMIT 1) v WHERE f.type = ' || quote_literal(prm.type) AS facilities,
           'SELECT id, source, target, cost, cost AS reverse_cost FROM road_edge UNION ALL '
           || 'SELECT 8500000000000000, 9000000000000000, v.id, greatest(ST_Distance(p, v.geom), 0.001), -1 '
           || 'FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(' || prm.lon::text || ', ' || prm.lat::text || '), 4326), 4543) AS p) q '
           || 'CROSS JOIN LATERAL (SELECT id, geom FROM road_vertex ORDER BY geom <-> q.p LIMIT 1) v' AS proposal
    FROM prm
), reach_f AS (
    SELECT d.node, d.agg_cost
    FROM prm, edges, pgr_drivingDistance(edges.facilities, 9000000000000000, prm.reach, true) d
    WHERE EXISTS (SELECT 1 FROM facility WHERE type = prm.type)
), reach_p AS (
    SELECT d.node, d.agg_cost
    FROM prm, edges, pgr_drivingDistance(edges.proposal, 9000000000000000, prm.reach2, true) d
    WHERE prm.with_p
), bc AS (
    SELECT bv.grid_code, bv.n,
           EXISTS (SELECT 1 FROM reach_f, prm WHERE reach_f.node = bv.vid AND reach_f.agg_cost + bv.snap <= prm.reach) AS covered,
           EXISTS (SELECT 1 FROM reach_p, prm WHERE reach_p.node = bv.vid AND reach_p.agg_cost + bv.snap <= prm.reach2) AS by_proposal
    FROM bv
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
