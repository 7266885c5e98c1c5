-- People and housing per management grid, kept current, for grid statistics (issue 5).
--
-- Counting residents by their building's grid joins ~400,000 residents to their housing units and
-- buildings (≈ 1 s on the district) and housing ≈ 0.5 s, far over the 200 ms budget of the whole
-- statistics request. grid_population holds one row per grid: residents by birth year (ages depend on
-- the window's reference year, so age bands are added up by the reader), the other people counts,
-- buildings and housing units. It is exact at every commit: statement-level triggers on resident,
-- housing_unit and building recompute the rows of the grids a statement touched (old and new grid of
-- a moved building or housing unit), from the base tables, so there is no delta arithmetic to drift.
-- Recomputations take one transaction-level advisory lock, so two writers refreshing the same grid
-- run one after the other and the second (READ COMMITTED: each statement of the function sees what
-- committed before it) recounts with the first one's rows. A TRUNCATE recomputes every grid.

CREATE TABLE grid_population (
    grid_code     varchar(15) PRIMARY KEY,
    -- residents by birth year: element i (1-based) counts birth year 1889 + i (resident.birth_year
    -- is checked to 1890..2100, so 211 elements)
    by_birth_year integer[]   NOT NULL CHECK (cardinality(by_birth_year) = 211),
    residents     integer     NOT NULL,
    elderly_alone integer     NOT NULL,
    disabled      integer     NOT NULL,
    low_income    integer     NOT NULL,
    registered    integer     NOT NULL,
    floating      integer     NOT NULL,
    buildings     integer     NOT NULL,
    housing_units integer     NOT NULL
);

CREATE FUNCTION gl_grid_population_refresh(grids varchar[]) RETURNS void LANGUAGE plpgsql AS
$$
BEGIN
    IF grids IS NULL OR cardinality(grids) = 0 THEN
        RETURN;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('gridlens.grid_population'));
    DELETE FROM grid_population WHERE grid_code = ANY (grids);
    INSERT INTO grid_population (grid_code, by_birth_year, residents, elderly_alone, disabled, low_income, registered,
                                 floating, buildings, housing_units)
    SELECT g.grid_code,
           coalesce(p.by_birth_year, array_fill(0, ARRAY[211])),
           coalesce(p.residents, 0), coalesce(p.elderly_alone, 0), coalesce(p.disabled, 0), coalesce(p.low_income, 0),
           coalesce(p.registered, 0), coalesce(p.floating, 0), g.buildings, g.housing_units
    FROM (SELECT b.grid_code, count(DISTINCT b.id)::integer AS buildings, count(h.id)::integer AS housing_units
          FROM building b LEFT JOIN housing_unit h ON h.building_id = b.id
          WHERE b.grid_code = ANY (grids)
          GROUP BY b.grid_code) g
    LEFT JOIN (
        SELECT grid_code,
               (SELECT array_agg(coalesce(y.n, 0) ORDER BY s.year)
                FROM generate_series(1890, 2100) s(year)
                LEFT JOIN unnest(years, counts) y(year, n) ON y.year = s.year) AS by_birth_year,
               residents, elderly_alone, disabled, low_income, registered, floating
        FROM (SELECT grid_code, array_agg(birth_year) AS years, array_agg(n) AS counts, sum(n)::integer AS residents,
                     sum(elderly_alone)::integer AS elderly_alone, sum(disabled)::integer AS disabled,
                     sum(low_income)::integer AS low_income, sum(registered)::integer AS registered,
                     sum(floating)::integer AS floating
              FROM (SELECT b.grid_code, r.birth_year::integer AS birth_year, count(*)::integer AS n,
                           count(*) FILTER (WHERE r.elderly_living_alone) AS elderly_alone,
                           count(*) FILTER (WHERE r.disabled) AS disabled,
                           count(*) FILTER (WHERE r.low_income) AS low_income,
                           count(*) FILTER (WHERE r.registration = 'registered') AS registered,
                           count(*) FILTER (WHERE r.registration = 'floating') AS floating
                    FROM resident r
                    JOIN housing_unit h ON h.id = r.housing_unit_id
                    JOIN building b ON b.id = h.building_id
                    WHERE b.grid_code = ANY (grids)
                    GROUP BY 1, 2) by_year
              GROUP BY grid_code) per_grid
    ) p ON p.grid_code = g.grid_code
    ORDER BY g.grid_code;
END
$$;

-- Grids behind a set of housing units / buildings, as of now (the statement's own changes included).
CREATE FUNCTION gl_grids_of_housing_units(ids integer[]) RETURNS varchar[] LANGUAGE sql STABLE AS
$$ SELECT array_agg(DISTINCT b.grid_code) FROM housing_unit h JOIN building b ON b.id = h.building_id
   WHERE h.id = ANY (ids) AND b.grid_code IS NOT NULL $$;
CREATE FUNCTION gl_grids_of_buildings(ids integer[]) RETURNS varchar[] LANGUAGE sql STABLE AS
$$ SELECT array_agg(DISTINCT grid_code) FROM building WHERE id = ANY (ids) AND grid_code IS NOT NULL $$;

-- One trigger function for the three tables and the three row events; the transition tables are
-- named new_rows / old_rows, and the function reads only those that the event has. An UPDATE counts
-- only rows whose counted columns changed (a building's 3D solid or a resident's needs change no
-- count and recompute nothing).
CREATE FUNCTION gl_grid_population_changed() RETURNS trigger LANGUAGE plpgsql AS
$$
DECLARE
    grids varchar[] := '{}';
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        PERFORM gl_grid_population_refresh(ARRAY(SELECT grid_code FROM grid_population
                                                 UNION SELECT grid_code FROM building WHERE grid_code IS NOT NULL));
        RETURN NULL;
    END IF;
    IF TG_TABLE_NAME = 'resident' THEN
        IF TG_OP = 'INSERT' THEN
            grids := gl_grids_of_housing_units(ARRAY(SELECT DISTINCT housing_unit_id FROM new_rows));
        ELSIF TG_OP = 'DELETE' THEN
            grids := gl_grids_of_housing_units(ARRAY(SELECT DISTINCT housing_unit_id FROM old_rows));
        ELSE
            grids := gl_grids_of_housing_units(ARRAY(
                SELECT u FROM old_rows o JOIN new_rows n ON n.id = o.id,
                       LATERAL (VALUES (o.housing_unit_id), (n.housing_unit_id)) x(u)
                WHERE (o.housing_unit_id, o.birth_year, o.registration, o.elderly_living_alone, o.disabled, o.low_income)
                      IS DISTINCT FROM
                      (n.housing_unit_id, n.birth_year, n.registration, n.elderly_living_alone, n.disabled, n.low_income)));
            -- an UPDATE of the primary key: count both sides whole
            IF EXISTS (SELECT 1 FROM old_rows o WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = o.id)) THEN
                grids := grids || gl_grids_of_housing_units(ARRAY(SELECT housing_unit_id FROM old_rows
                                                                  UNION SELECT housing_unit_id FROM new_rows));
            END IF;
        END IF;
    ELSIF TG_TABLE_NAME = 'housing_unit' THEN
        IF TG_OP = 'INSERT' THEN
            grids := gl_grids_of_buildings(ARRAY(SELECT DISTINCT building_id FROM new_rows));
        ELSIF TG_OP = 'DELETE' THEN
            grids := gl_grids_of_buildings(ARRAY(SELECT DISTINCT building_id FROM old_rows));
        ELSE
            grids := gl_grids_of_buildings(ARRAY(
                SELECT b FROM old_rows o LEFT JOIN new_rows n ON n.id = o.id,
                       LATERAL (VALUES (o.building_id), (n.building_id)) x(b)
                WHERE n.id IS NULL OR o.building_id IS DISTINCT FROM n.building_id));
            IF EXISTS (SELECT 1 FROM new_rows n WHERE NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.id = n.id)) THEN
                grids := grids || gl_grids_of_buildings(ARRAY(SELECT building_id FROM new_rows));
            END IF;
        END IF;
    ELSE
        IF TG_OP = 'INSERT' THEN
            grids := ARRAY(SELECT DISTINCT grid_code FROM new_rows);
        ELSIF TG_OP = 'DELETE' THEN
            grids := ARRAY(SELECT DISTINCT grid_code FROM old_rows);
        ELSE
            grids := ARRAY(
                SELECT g FROM old_rows o FULL JOIN new_rows n ON n.id = o.id,
                       LATERAL (VALUES (o.grid_code), (n.grid_code)) x(g)
                WHERE o.id IS NULL OR n.id IS NULL OR o.grid_code IS DISTINCT FROM n.grid_code);
        END IF;
    END IF;
    PERFORM gl_grid_population_refresh(ARRAY(SELECT DISTINCT g FROM unnest(grids) g WHERE g IS NOT NULL ORDER BY 1));
    RETURN NULL;
END
$$;

CREATE TRIGGER resident_population_ins AFTER INSERT ON resident
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gl_grid_population_changed();
CREATE TRIGGER resident_population_upd AFTER UPDATE ON resident
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gl_grid_population_changed();
CREATE TRIGGER resident_population_del AFTER DELETE ON resident
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION gl_grid_population_changed();
CREATE TRIGGER resident_population_trunc AFTER TRUNCATE ON resident
    FOR EACH STATEMENT EXECUTE FUNCTION gl_grid_population_changed();
CREATE TRIGGER housing_unit_population_ins AFTER INSERT ON housing_unit
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gl_grid_population_changed();
CREATE TRIGGER housing_unit_population_upd AFTER UPDATE ON housing_unit
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gl_grid_population_changed();
CREATE TRIGGER housing_unit_population_del AFTER DELETE ON housing_unit
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION gl_grid_population_changed();
CREATE TRIGGER housing_unit_population_trunc AFTER TRUNCATE ON housing_unit
    FOR EACH STATEMENT EXECUTE FUNCTION gl_grid_population_changed();
CREATE TRIGGER building_population_ins AFTER INSERT ON building
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gl_grid_population_changed();
CREATE TRIGGER building_population_upd AFTER UPDATE ON building
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gl_grid_population_changed();
CREATE TRIGGER building_population_del AFTER DELETE ON building
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION gl_grid_population_changed();
CREATE TRIGGER building_population_trunc AFTER TRUNCATE ON building
    FOR EACH STATEMENT EXECUTE FUNCTION gl_grid_population_changed();

-- Whatever the base tables already hold.
SELECT gl_grid_population_refresh(ARRAY(SELECT DISTINCT grid_code FROM building WHERE grid_code IS NOT NULL));
