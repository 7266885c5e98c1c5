-- The walking network: road centre lines (V35) noded at every crossing and cut into pieces of at most
-- 25 m, so a building or facility snaps to a network vertex at most ~12.5 m along the street from its
-- nearest point. Rebuilt as a whole by a statement trigger whenever roads change (a district's streets
-- take well under a second). EPSG:4543, metres. Walking reach routes over it with pgRouting
-- (pgr_drivingDistance) when the extension is available.
--
-- pgRouting is optional: when the package is missing, or the migrating role may not create the
-- extension, this migration still succeeds (with a NOTICE) and coverage stays straight-line, saying so
-- (reach_mode). Debian: postgresql-15-pgrouting.

DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_available_extensions WHERE name = 'pgrouting') THEN
        BEGIN
            CREATE EXTENSION IF NOT EXISTS pgrouting;
        EXCEPTION WHEN insufficient_privilege THEN
            RAISE NOTICE 'pgrouting is available but this role may not create it; walking reach stays off';
        END;
    ELSE
        RAISE NOTICE 'pgrouting is not installed (Debian: postgresql-15-pgrouting); walking reach stays off';
    END IF;
END
$$;

CREATE TABLE road_vertex (
    id   bigint PRIMARY KEY,
    x    double precision NOT NULL,
    y    double precision NOT NULL,
    geom geometry(Point, 4543) NOT NULL
);
CREATE INDEX road_vertex_geom_idx ON road_vertex USING gist (geom);
CREATE INDEX road_vertex_xy_idx ON road_vertex (x, y);

CREATE TABLE road_edge (
    id     bigint PRIMARY KEY,
    source bigint NOT NULL REFERENCES road_vertex (id),
    target bigint NOT NULL REFERENCES road_vertex (id),
    cost   double precision NOT NULL CHECK (cost > 0),
    geom   geometry(LineString, 4543) NOT NULL
);

CREATE FUNCTION gl_rebuild_road_network() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    DELETE FROM road_edge;
    DELETE FROM road_vertex;
    CREATE TEMP TABLE gl_road_piece ON COMMIT DROP AS
    WITH noded AS (
        SELECT (ST_Dump(ST_Node(ST_Collect(ST_Transform(geom, 4543))))).geom AS g FROM road
    ), dense AS (
        SELECT ST_Segmentize(g, 25) AS s FROM noded
    )
    SELECT ST_MakeLine(ST_PointN(s, i), ST_PointN(s, i + 1)) AS g
    FROM dense, generate_series(1, ST_NPoints(s) - 1) AS i;
    INSERT INTO road_vertex (id, x, y, geom)
    SELECT row_number() OVER (ORDER BY x, y), x, y, ST_SetSRID(ST_MakePoint(x, y), 4543)
    FROM (SELECT ST_X(ST_StartPoint(g)) AS x, ST_Y(ST_StartPoint(g)) AS y FROM gl_road_piece
          UNION
          SELECT ST_X(ST_EndPoint(g)), ST_Y(ST_EndPoint(g)) FROM gl_road_piece) e;
    INSERT INTO road_edge (id, source, target, cost, geom)
    SELECT row_number() OVER (ORDER BY s.id, t.id), s.id, t.id, ST_Length(p.g), p.g
    FROM gl_road_piece p
    JOIN road_vertex s ON s.x = ST_X(ST_StartPoint(p.g)) AND s.y = ST_Y(ST_StartPoint(p.g))
    JOIN road_vertex t ON t.x = ST_X(ST_EndPoint(p.g)) AND t.y = ST_Y(ST_EndPoint(p.g))
    WHERE ST_Length(p.g) > 0;
    DROP TABLE gl_road_piece;
    RETURN NULL;
END
$$;

CREATE TRIGGER road_network_rebuild AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON road
    FOR EACH STATEMENT EXECUTE FUNCTION gl_rebuild_road_network();

DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'gridlens_reader') THEN
        GRANT SELECT ON road_vertex, road_edge TO gridlens_reader;
    END IF;
END
$$;
