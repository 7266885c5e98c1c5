-- @statement unit_cells: a cell belongs to the grid holding its centre
WITH area AS (SELECT ST_SetSRID(ST_Extent(geom)::geometry, 4326) AS g
              FROM (SELECT geom FROM import_region_old UNION ALL SELECT geom FROM import_staging) x)
UPDATE unit_cell c SET grid_code = gl_grid_of(ST_Centroid(c.geom))
FROM area
WHERE c.geom && area.g AND c.grid_code IS DISTINCT FROM gl_grid_of(ST_Centroid(c.geom));

-- @statement incidents: an incident belongs to the grid holding its point (lowest code on a shared edge)
WITH area AS (SELECT ST_Transform(ST_SetSRID(ST_Extent(geom)::geometry, 4326), 3857) AS g
              FROM (SELECT geom FROM import_region_old UNION ALL SELECT geom FROM import_staging) x)
UPDATE incident i SET grid_code = gl_grid_of(i.geom)
FROM area
WHERE i.geom_3857 && area.g AND i.grid_code IS DISTINCT FROM gl_grid_of(i.geom);

-- @statement buildings: a building belongs to the grid holding a point on its footprint
WITH area AS (SELECT ST_SetSRID(ST_Extent(geom)::geometry, 4326) AS g
              FROM (SELECT geom FROM import_region_old UNION ALL SELECT geom FROM import_staging) x)
UPDATE building b SET grid_code = gl_grid_of(ST_PointOnSurface(b.geom))
FROM area
WHERE b.geom && area.g AND b.grid_code IS DISTINCT FROM gl_grid_of(ST_PointOnSurface(b.geom));
