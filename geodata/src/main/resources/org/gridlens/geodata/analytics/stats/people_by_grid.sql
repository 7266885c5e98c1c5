-- Residents per grid (by their building's grid). Bind: the reference year for ages.
SELECT b.grid_code,
       count(*),
       count(*) FILTER (WHERE ? - r.birth_year <= 14),
       count(*) FILTER (WHERE ? - r.birth_year BETWEEN 15 AND 64),
       count(*) FILTER (WHERE ? - r.birth_year >= 65),
       count(*) FILTER (WHERE r.elderly_living_alone),
       count(*) FILTER (WHERE r.disabled),
       count(*) FILTER (WHERE r.low_income),
       count(*) FILTER (WHERE r.registration = 'registered'),
       count(*) FILTER (WHERE r.registration = 'floating')
FROM resident r
JOIN housing_unit h ON h.id = r.housing_unit_id
JOIN building b ON b.id = h.building_id
WHERE b.grid_code IS NOT NULL
GROUP BY b.grid_code
