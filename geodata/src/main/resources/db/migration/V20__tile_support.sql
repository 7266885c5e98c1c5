-- Tile support (issue 4).
--
-- Service radius of a facility type in metres, used by the facility_area tile layer and by anyone who
-- needs the same circles (coverage analysis). IMMUTABLE: a code list fixed here; a city that needs
-- other radii adds a migration. Unknown types get 500 m.
CREATE FUNCTION gl_service_radius(facility_type text)
    RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
$$
SELECT CASE facility_type
           WHEN 'elderly_day_care' THEN 500
           WHEN 'community_health' THEN 1000
           WHEN 'kindergarten' THEN 300
           WHEN 'primary_school' THEN 500
           WHEN 'middle_school' THEN 1000
           WHEN 'community_service' THEN 500
           WHEN 'market' THEN 500
           WHEN 'sports' THEN 1000
           ELSE 500 END::double precision
$$;

-- Cell centroids in EPSG:3857, stored: the incident and heat aggregates of low-zoom tiles bin cells by
-- their centre, and computing ST_Centroid per cell per tile would dominate those tiles' cost.
ALTER TABLE unit_cell ADD COLUMN centre_3857 geometry(Point, 3857)
    GENERATED ALWAYS AS (ST_Centroid(ST_Transform(geom, 3857))) STORED;
CREATE INDEX unit_cell_centre_3857_idx ON unit_cell USING gist (centre_3857);

-- Camera view sectors in EPSG:3857 for the camera_sector layer (the 4326 sector stays canonical).
ALTER TABLE camera ADD COLUMN sector_3857 geometry(Polygon, 3857)
    GENERATED ALWAYS AS (ST_Transform(gl_view_sector(geom, heading_deg, fov_deg, range_m), 3857)) STORED;
CREATE INDEX camera_sector_3857_idx ON camera USING gist (sector_3857);
