-- 3D buildings: a building's solid (PolyhedralSurfaceZ, x/y in degrees of EPSG:4326, z in metres above
-- the height datum) is derived from its footprint, base elevation and height whenever it is not
-- supplied. Faces: the footprint at base (reversed, so its normal points down), the footprint at
-- base + height (normal up), and one wall quad per edge of every ring (normals outward: exterior rings
-- are forced counter-clockwise, holes clockwise). The result is a closed prism.

CREATE FUNCTION gl_building_solid(footprint geometry, base_m double precision, height_m double precision)
    RETURNS geometry
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS
$$
DECLARE
    faces text[] := '{}';
    poly  geometry;
    ring  geometry;
    top   double precision := base_m + height_m;
    a     geometry;
    b     geometry;
BEGIN
    FOR poly IN SELECT (ST_Dump(ST_ForcePolygonCCW(ST_Force2D(footprint)))).geom LOOP
        faces := faces || substr(ST_AsText(ST_Translate(ST_Force3DZ(ST_Reverse(poly)), 0, 0, base_m)), 11);
        faces := faces || substr(ST_AsText(ST_Translate(ST_Force3DZ(poly), 0, 0, top)), 11);
        FOR ring IN SELECT (ST_DumpRings(poly)).geom LOOP
            FOR i IN 1 .. ST_NPoints(ST_ExteriorRing(ring)) - 1 LOOP
                a := ST_PointN(ST_ExteriorRing(ring), i);
                b := ST_PointN(ST_ExteriorRing(ring), i + 1);
                faces := faces || format('((%s %s %s,%s %s %s,%s %s %s,%s %s %s,%s %s %s))',
                        ST_X(a), ST_Y(a), base_m, ST_X(b), ST_Y(b), base_m, ST_X(b), ST_Y(b), top,
                        ST_X(a), ST_Y(a), top, ST_X(a), ST_Y(a), base_m);
            END LOOP;
        END LOOP;
    END LOOP;
    RETURN ST_GeomFromText('POLYHEDRALSURFACE Z (' || array_to_string(faces, ',') || ')', 4326);
END
$$;

CREATE FUNCTION gl_building_derive_solid() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    IF NEW.solid IS NULL THEN
        NEW.solid := gl_building_solid(NEW.geom, NEW.base_elev_m, NEW.height_m);
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER building_derive_solid BEFORE INSERT OR UPDATE OF geom, height_m, base_elev_m, solid ON building
    FOR EACH ROW EXECUTE FUNCTION gl_building_derive_solid();

-- Vertical extent of a building, for "what intersects this 3D box" without 3D geometry operations.
CREATE INDEX building_z_idx ON building ((base_elev_m), (base_elev_m + height_m));
