-- GridLens core model.
--
-- Canonical storage SRID is 4326 (CGCS2000 / EPSG:4490 agrees with WGS84 to well under a metre).
-- Metric work happens in EPSG:4543 (CGCS2000 / 3-degree Gauss-Kruger CM 102E); tiles in EPSG:3857.
-- Tables that are tiled often keep a stored 3857 form (generated column) so tile queries never
-- transform on the fly. Every big table carries district_code so it can later be distributed
-- (Citus) by district; joins between big tables include it.
--
-- Constraints reject empty or invalid geometry; the typmod rejects wrong SRIDs and wrong types.

CREATE EXTENSION IF NOT EXISTS postgis;

-- A view-sector polygon (camera field of view) built in the metric CRS and returned in 4326.
-- IMMUTABLE so that it can feed a generated column.
CREATE FUNCTION gl_view_sector(p geometry, heading_deg double precision, fov_deg double precision,
                               range_m double precision)
    RETURNS geometry
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
$$
SELECT ST_Transform(ST_SetSRID(ST_MakePolygon(ST_MakeLine(pts)), 4543), 4326)
FROM (SELECT array_agg(pt ORDER BY ord) AS pts
      FROM (SELECT 0 AS ord, ST_Transform(p, 4543) AS pt
            UNION ALL
            SELECT i + 1,
                   ST_Translate(ST_Transform(p, 4543),
                                range_m * sin(radians(heading_deg - fov_deg / 2 + fov_deg * i / 16.0)),
                                range_m * cos(radians(heading_deg - fov_deg / 2 + fov_deg * i / 16.0)))
            FROM generate_series(0, 16) AS i
            UNION ALL
            SELECT 18, ST_Transform(p, 4543)) AS ring) AS r
$$;

-- The local day of a timestamp in the district's time zone (Asia/Shanghai, no DST).
CREATE FUNCTION gl_local_day(t timestamptz)
    RETURNS date
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
$$ SELECT (t AT TIME ZONE 'Asia/Shanghai')::date $$;

-- ---------------------------------------------------------------------------------------------
-- Regions: district -> subdistrict (街道) -> community (社区) -> management grid (网格)
-- ---------------------------------------------------------------------------------------------
CREATE TABLE region (
    id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code          varchar(15) NOT NULL UNIQUE,
    district_code char(6)     NOT NULL,
    level         text        NOT NULL CHECK (level IN ('district', 'subdistrict', 'community', 'grid')),
    parent_code   varchar(15) REFERENCES region (code) DEFERRABLE INITIALLY DEFERRED,
    name          text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    name_en       text,
    geom          geometry(MultiPolygon, 4326) NOT NULL
        CHECK (NOT ST_IsEmpty(geom) AND ST_IsValid(geom)),
    geom_3857     geometry(MultiPolygon, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED,
    area_m2       double precision GENERATED ALWAYS AS (ST_Area(ST_Transform(geom, 4543))) STORED,
    CHECK ((level = 'district') = (parent_code IS NULL)),
    CHECK (code LIKE district_code || '%')
);
CREATE INDEX region_geom_idx ON region USING gist (geom);
CREATE INDEX region_geom_3857_idx ON region USING gist (geom_3857);
CREATE INDEX region_level_idx ON region (level, parent_code);

-- ---------------------------------------------------------------------------------------------
-- Unit cells: regular analysis cells (default 100 m, "万米单元网格") laid in EPSG:4543.
-- col/row index the cell in its lattice; grid_code is the management grid holding its centre.
-- ---------------------------------------------------------------------------------------------
CREATE TABLE unit_cell (
    id            integer PRIMARY KEY,
    code          varchar(24) NOT NULL UNIQUE,
    district_code char(6)     NOT NULL,
    col           integer     NOT NULL,
    row           integer     NOT NULL,
    size_m        double precision NOT NULL CHECK (size_m > 0),
    grid_code     varchar(15) REFERENCES region (code),
    geom          geometry(Polygon, 4326) NOT NULL CHECK (NOT ST_IsEmpty(geom) AND ST_IsValid(geom)),
    geom_3857     geometry(Polygon, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED,
    UNIQUE (district_code, col, row)
);
CREATE INDEX unit_cell_geom_idx ON unit_cell USING gist (geom);
CREATE INDEX unit_cell_geom_3857_idx ON unit_cell USING gist (geom_3857);
CREATE INDEX unit_cell_grid_idx ON unit_cell (grid_code);

-- ---------------------------------------------------------------------------------------------
-- Code lists (urban-management classification and others): data, not code, so a city extends them.
-- ---------------------------------------------------------------------------------------------
CREATE TABLE category (
    code             varchar(12) PRIMARY KEY,
    kind             text    NOT NULL CHECK (kind IN ('event', 'component', 'service')),
    level            smallint NOT NULL CHECK (level IN (1, 2)),
    parent_code      varchar(12) REFERENCES category (code),
    name_zh          text    NOT NULL,
    name_en          text    NOT NULL,
    time_limit_hours integer CHECK (time_limit_hours > 0),
    CHECK ((level = 1) = (parent_code IS NULL))
);

-- ---------------------------------------------------------------------------------------------
-- Parcels, buildings, housing units, residents, addresses
-- ---------------------------------------------------------------------------------------------
CREATE TABLE parcel (
    id            integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    code          varchar(32) NOT NULL UNIQUE,
    district_code char(6)     NOT NULL,
    land_use      text        NOT NULL,
    z_min         double precision,
    z_max         double precision,
    geom          geometry(MultiPolygon, 4326) NOT NULL CHECK (NOT ST_IsEmpty(geom) AND ST_IsValid(geom)),
    geom_3857     geometry(MultiPolygon, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED,
    CHECK (z_min IS NULL OR z_max IS NULL OR z_min < z_max)
);
CREATE INDEX parcel_geom_idx ON parcel USING gist (geom);
CREATE INDEX parcel_geom_3857_idx ON parcel USING gist (geom_3857);

CREATE TABLE building (
    id             integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    code           varchar(32) NOT NULL UNIQUE,
    district_code  char(6)     NOT NULL,
    parcel_id      integer REFERENCES parcel (id),
    grid_code      varchar(15) REFERENCES region (code),
    use            text        NOT NULL,
    floors         smallint    NOT NULL CHECK (floors BETWEEN 1 AND 200),
    height_m       double precision NOT NULL CHECK (height_m > 0 AND height_m < 1000),
    base_elev_m    double precision NOT NULL DEFAULT 0,
    year_built     smallint CHECK (year_built BETWEEN 1800 AND 2100),
    geom           geometry(MultiPolygon, 4326) NOT NULL CHECK (NOT ST_IsEmpty(geom) AND ST_IsValid(geom)),
    geom_3857      geometry(MultiPolygon, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED,
    solid          geometry(PolyhedralSurfaceZ, 4326)
);
CREATE INDEX building_geom_idx ON building USING gist (geom);
CREATE INDEX building_geom_3857_idx ON building USING gist (geom_3857);
CREATE INDEX building_grid_idx ON building (grid_code);
CREATE INDEX building_parcel_idx ON building (parcel_id);

CREATE TABLE housing_unit (
    id            integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    code          varchar(40) NOT NULL UNIQUE,
    district_code char(6)     NOT NULL,
    building_id   integer     NOT NULL REFERENCES building (id),
    floor         smallint    NOT NULL,
    unit_no       varchar(16) NOT NULL,
    area_m2       double precision NOT NULL CHECK (area_m2 > 0 AND area_m2 < 100000),
    use           text        NOT NULL
);
CREATE INDEX housing_unit_building_idx ON housing_unit (building_id);

-- Person-level data: pseudonymous id only; no names, no national ids.
CREATE TABLE resident (
    id                    bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    pid                   varchar(40) NOT NULL UNIQUE,
    district_code         char(6)     NOT NULL,
    housing_unit_id       integer     NOT NULL REFERENCES housing_unit (id),
    birth_year            smallint    NOT NULL CHECK (birth_year BETWEEN 1890 AND 2100),
    sex                   char(1)     NOT NULL CHECK (sex IN ('F', 'M')),
    registration          text        NOT NULL CHECK (registration IN ('registered', 'floating')),
    elderly_living_alone  boolean     NOT NULL DEFAULT false,
    disabled              boolean     NOT NULL DEFAULT false,
    low_income            boolean     NOT NULL DEFAULT false,
    needs                 text[]      NOT NULL DEFAULT '{}'
);
CREATE INDEX resident_housing_unit_idx ON resident (housing_unit_id);

CREATE TABLE address (
    id              integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    code            varchar(40) NOT NULL UNIQUE,
    district_code   char(6)     NOT NULL,
    full_text       text        NOT NULL,
    building_id     integer REFERENCES building (id),
    housing_unit_id integer REFERENCES housing_unit (id),
    geom            geometry(Point, 4326) NOT NULL CHECK (NOT ST_IsEmpty(geom))
);
CREATE INDEX address_geom_idx ON address USING gist (geom);
CREATE INDEX address_building_idx ON address (building_id);

-- ---------------------------------------------------------------------------------------------
-- City components (城市部件), cameras, facilities
-- ---------------------------------------------------------------------------------------------
CREATE TABLE component (
    id            integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    code          varchar(32) NOT NULL UNIQUE,
    district_code char(6)     NOT NULL,
    category_code varchar(12) NOT NULL REFERENCES category (code),
    status        text        NOT NULL CHECK (status IN ('normal', 'damaged', 'missing', 'removed')),
    geom          geometry(Point, 4326) NOT NULL CHECK (NOT ST_IsEmpty(geom)),
    geom_3857     geometry(Point, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED
);
CREATE INDEX component_geom_3857_idx ON component USING gist (geom_3857);

CREATE TABLE camera (
    id            integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    code          varchar(32) NOT NULL UNIQUE,
    district_code char(6)     NOT NULL,
    heading_deg   double precision NOT NULL CHECK (heading_deg >= 0 AND heading_deg < 360),
    fov_deg       double precision NOT NULL CHECK (fov_deg > 0 AND fov_deg <= 360),
    range_m       double precision NOT NULL CHECK (range_m > 0 AND range_m <= 1000),
    geom          geometry(Point, 4326) NOT NULL CHECK (NOT ST_IsEmpty(geom)),
    geom_3857     geometry(Point, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED,
    sector        geometry(Polygon, 4326) GENERATED ALWAYS AS (gl_view_sector(geom, heading_deg, fov_deg, range_m)) STORED
);
CREATE INDEX camera_geom_3857_idx ON camera USING gist (geom_3857);
CREATE INDEX camera_sector_idx ON camera USING gist (sector);

CREATE TABLE facility (
    id            integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    code          varchar(32) NOT NULL UNIQUE,
    district_code char(6)     NOT NULL,
    type          text        NOT NULL,
    name          text        NOT NULL,
    capacity      integer CHECK (capacity >= 0),
    geom          geometry(Point, 4326) NOT NULL CHECK (NOT ST_IsEmpty(geom)),
    geom_3857     geometry(Point, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED
);
CREATE INDEX facility_geom_idx ON facility USING gist (geom);
CREATE INDEX facility_type_idx ON facility (type);

-- ---------------------------------------------------------------------------------------------
-- Incidents (events, component faults, service orders) and their append-only stage log
-- ---------------------------------------------------------------------------------------------
CREATE TABLE incident (
    id            bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    district_code char(6)     NOT NULL,
    source        text        NOT NULL CHECK (source IN ('hotline', 'grid_worker', 'camera', 'resident_app')),
    source_id     varchar(64) NOT NULL,
    kind          text        NOT NULL CHECK (kind IN ('event', 'component', 'service_order')),
    category_code varchar(12) NOT NULL REFERENCES category (code),
    description   text CHECK (length(description) <= 4000),
    address_id    integer REFERENCES address (id),
    reported_at   timestamptz NOT NULL,
    accepted_at   timestamptz,
    registered_at timestamptz,
    dispatched_at timestamptz,
    handled_at    timestamptz,
    checked_at    timestamptz,
    closed_at     timestamptz,
    evaluated_at  timestamptz,
    deadline      timestamptz,
    status        text        NOT NULL CHECK (status IN ('reported', 'registered', 'dispatched', 'handled',
                                                          'checked', 'closed', 'evaluated', 'rejected')),
    grid_code     varchar(15),
    cell_id       integer,
    geom          geometry(Point, 4326) NOT NULL CHECK (NOT ST_IsEmpty(geom)),
    geom_3857     geometry(Point, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED,
    UNIQUE (source, source_id)
);
CREATE INDEX incident_geom_3857_idx ON incident USING gist (geom_3857);
CREATE INDEX incident_reported_idx ON incident (reported_at);
CREATE INDEX incident_grid_idx ON incident (grid_code, reported_at);
CREATE INDEX incident_cell_idx ON incident (cell_id, reported_at);
CREATE INDEX incident_open_idx ON incident (deadline) WHERE closed_at IS NULL;

CREATE TABLE case_event (
    id            bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    district_code char(6)     NOT NULL,
    incident_id   bigint      NOT NULL REFERENCES incident (id),
    stage         text        NOT NULL CHECK (stage IN ('report', 'register', 'dispatch', 'handle', 'extend',
                                                         'send_back', 'check', 'rework', 'close', 'evaluate')),
    at            timestamptz NOT NULL,
    actor         text        NOT NULL,
    dept          text,
    note          text
);
CREATE INDEX case_event_incident_idx ON case_event (incident_id, at);
CREATE INDEX case_event_stage_at_idx ON case_event (stage, at);

-- The stage log is append-only: updates and deletes are refused for everyone, owner included.
CREATE FUNCTION gl_refuse_change() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege'; END $$;
CREATE TRIGGER case_event_append_only BEFORE UPDATE OR DELETE ON case_event
    FOR EACH ROW EXECUTE FUNCTION gl_refuse_change();
CREATE TRIGGER case_event_no_truncate BEFORE TRUNCATE ON case_event
    FOR EACH STATEMENT EXECUTE FUNCTION gl_refuse_change();

-- ---------------------------------------------------------------------------------------------
-- Joins kept current on write: an incident without grid/cell gets them from its point.
-- Deterministic on borders: among the grids whose closed polygon contains the point, the lowest
-- code wins, so a point on a shared edge gets exactly one grid.
-- Bulk loaders that already know grid and cell set both, and the trigger does nothing.
-- ---------------------------------------------------------------------------------------------
CREATE FUNCTION gl_grid_of(p geometry) RETURNS varchar LANGUAGE sql STABLE STRICT PARALLEL SAFE AS
$$ SELECT code FROM region WHERE level = 'grid' AND ST_Intersects(geom, p) ORDER BY code LIMIT 1 $$;

CREATE FUNCTION gl_cell_of(p geometry) RETURNS integer LANGUAGE sql STABLE STRICT PARALLEL SAFE AS
$$ SELECT id FROM unit_cell WHERE ST_Intersects(geom, p) ORDER BY id LIMIT 1 $$;

CREATE FUNCTION gl_incident_assign() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    IF NEW.grid_code IS NULL OR TG_OP = 'UPDATE' AND NOT ST_Equals(NEW.geom, OLD.geom) THEN
        NEW.grid_code := gl_grid_of(NEW.geom);
    END IF;
    IF NEW.cell_id IS NULL OR TG_OP = 'UPDATE' AND NOT ST_Equals(NEW.geom, OLD.geom) THEN
        NEW.cell_id := gl_cell_of(NEW.geom);
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER incident_assign BEFORE INSERT OR UPDATE OF geom, grid_code, cell_id ON incident
    FOR EACH ROW EXECUTE FUNCTION gl_incident_assign();

-- ---------------------------------------------------------------------------------------------
-- Pre-aggregation: incidents per (cell, local day, category), kept exact by statement-level
-- triggers with transition tables (they also fire for COPY, in one pass per statement).
-- Incidents outside every cell count under cell_id = 0 so the totals always add up.
-- ---------------------------------------------------------------------------------------------
CREATE TABLE incident_daily (
    district_code char(6)     NOT NULL,
    cell_id       integer     NOT NULL,
    day           date        NOT NULL,
    category_code varchar(12) NOT NULL,
    n             integer     NOT NULL CHECK (n >= 0),
    PRIMARY KEY (cell_id, day, category_code)
);
CREATE INDEX incident_daily_day_idx ON incident_daily (day);

CREATE FUNCTION gl_incident_daily_add() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO incident_daily AS d (district_code, cell_id, day, category_code, n)
    SELECT district_code, coalesce(cell_id, 0), gl_local_day(reported_at), category_code, count(*)
    FROM new_rows
    GROUP BY 1, 2, 3, 4
    ON CONFLICT (cell_id, day, category_code) DO UPDATE SET n = d.n + excluded.n;
    RETURN NULL;
END
$$;

CREATE FUNCTION gl_incident_daily_remove() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    UPDATE incident_daily d SET n = d.n - o.n
    FROM (SELECT coalesce(cell_id, 0) AS cell_id, gl_local_day(reported_at) AS day, category_code, count(*) AS n
          FROM old_rows GROUP BY 1, 2, 3) o
    WHERE d.cell_id = o.cell_id AND d.day = o.day AND d.category_code = o.category_code;
    DELETE FROM incident_daily WHERE n = 0;
    RETURN NULL;
END
$$;

CREATE FUNCTION gl_incident_daily_move() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    UPDATE incident_daily d SET n = d.n - o.n
    FROM (SELECT coalesce(cell_id, 0) AS cell_id, gl_local_day(reported_at) AS day, category_code, count(*) AS n
          FROM old_rows GROUP BY 1, 2, 3) o
    WHERE d.cell_id = o.cell_id AND d.day = o.day AND d.category_code = o.category_code;
    INSERT INTO incident_daily AS d (district_code, cell_id, day, category_code, n)
    SELECT district_code, coalesce(cell_id, 0), gl_local_day(reported_at), category_code, count(*)
    FROM new_rows
    GROUP BY 1, 2, 3, 4
    ON CONFLICT (cell_id, day, category_code) DO UPDATE SET n = d.n + excluded.n;
    DELETE FROM incident_daily WHERE n = 0;
    RETURN NULL;
END
$$;

CREATE TRIGGER incident_daily_ins AFTER INSERT ON incident
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gl_incident_daily_add();
CREATE TRIGGER incident_daily_del AFTER DELETE ON incident
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION gl_incident_daily_remove();
CREATE TRIGGER incident_daily_upd AFTER UPDATE ON incident
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gl_incident_daily_move();

-- ---------------------------------------------------------------------------------------------
-- Data-load bookkeeping: what the demo generator (or an import) loaded, for /health.
-- ---------------------------------------------------------------------------------------------
CREATE TABLE dataset_load (
    id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text        NOT NULL,
    profile     text,
    seed        bigint,
    checksum    text,
    loaded_at   timestamptz NOT NULL DEFAULT now(),
    row_counts  jsonb       NOT NULL DEFAULT '{}'
);
