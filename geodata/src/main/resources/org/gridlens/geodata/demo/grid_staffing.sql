-- Demo staffing of the management grids (grid_worker, V37), derived deterministically from the loaded
-- residents (no random numbers): one full-time grid worker per grid plus one per further 1,500
-- residents, one part-time worker in grids of 800 residents or more, and one supervisor per community
-- listed in each of its grids. Worker ids are pseudonyms built from the grid or community code.
WITH people AS (
    SELECT g.code, g.parent_code, count(r.id) AS residents
    FROM region g
    LEFT JOIN building b ON b.grid_code = g.code
    LEFT JOIN housing_unit h ON h.building_id = b.id
    LEFT JOIN resident r ON r.housing_unit_id = h.id
    WHERE g.level = 'grid'
    GROUP BY g.code, g.parent_code
)
INSERT INTO grid_worker (grid_code, worker_id, role)
SELECT p.code, 'GW' || p.code || '-' || n, 'grid_worker'
FROM people p, generate_series(1, 1 + (p.residents / 1500)::integer) AS n
UNION ALL
SELECT p.code, 'PT' || p.code, 'part_time' FROM people p WHERE p.residents >= 800
UNION ALL
SELECT p.code, 'SV' || p.parent_code, 'supervisor' FROM people p WHERE p.parent_code IS NOT NULL;
