-- Buildings and housing units per grid.
SELECT b.grid_code, count(DISTINCT b.id), count(h.id)
FROM building b
LEFT JOIN housing_unit h ON h.building_id = b.id
WHERE b.grid_code IS NOT NULL
GROUP BY b.grid_code
