-- A counter that changes whenever data behind the analytics changes, so cached analytics results can
-- be keyed by it and never served stale. Statement-level triggers: a COPY or a bulk UPDATE bumps it
-- once, not per row. Tables: incidents and their stage log (hot spots, hot areas, KPIs), and the
-- population, buildings and facilities (statistics, coverage).
CREATE TABLE analytics_data_version (
    id      boolean PRIMARY KEY DEFAULT true CHECK (id),
    version bigint  NOT NULL
);
INSERT INTO analytics_data_version (version) VALUES (1);

CREATE FUNCTION gl_analytics_bump() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN UPDATE analytics_data_version SET version = version + 1; RETURN NULL; END $$;

CREATE TRIGGER incident_analytics_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON incident
    FOR EACH STATEMENT EXECUTE FUNCTION gl_analytics_bump();
CREATE TRIGGER case_event_analytics_bump AFTER INSERT ON case_event
    FOR EACH STATEMENT EXECUTE FUNCTION gl_analytics_bump();
CREATE TRIGGER resident_analytics_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON resident
    FOR EACH STATEMENT EXECUTE FUNCTION gl_analytics_bump();
CREATE TRIGGER housing_unit_analytics_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON housing_unit
    FOR EACH STATEMENT EXECUTE FUNCTION gl_analytics_bump();
CREATE TRIGGER building_analytics_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON building
    FOR EACH STATEMENT EXECUTE FUNCTION gl_analytics_bump();
CREATE TRIGGER facility_analytics_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON facility
    FOR EACH STATEMENT EXECUTE FUNCTION gl_analytics_bump();
CREATE TRIGGER region_analytics_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON region
    FOR EACH STATEMENT EXECUTE FUNCTION gl_analytics_bump();
