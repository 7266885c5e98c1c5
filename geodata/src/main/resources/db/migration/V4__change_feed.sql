-- Change feed: every committed change to a published table sends one notification per statement on
-- channel 'gridlens_change', delivered by PostgreSQL only after the transaction commits (and never
-- for rolled-back work). Payload (JSON, well under the 8000-byte limit):
--   {"table": "incident", "version": 123, "bbox": [minLon, minLat, maxLon, maxLat] | null}
-- bbox is the extent of the rows the statement touched (old and new positions), in EPSG:4326;
-- null means "anywhere". version increases with every notification (a sequence), so a listener can
-- tell the order of changes. Servers listen (geodata.events.ChangeFeed) to invalidate caches and to
-- tell displays which tiles changed; several servers can share one database.

CREATE SEQUENCE gl_change_version;

CREATE FUNCTION gl_notify(tbl text, extent box2d) RETURNS void LANGUAGE sql AS
$$
SELECT pg_notify('gridlens_change', json_build_object(
    'table', tbl,
    'version', nextval('gl_change_version'),
    'bbox', CASE WHEN extent IS NULL THEN NULL
                 ELSE json_build_array(ST_XMin(extent), ST_YMin(extent), ST_XMax(extent), ST_YMax(extent)) END)::text)
$$;

CREATE FUNCTION gl_notify_insert() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN PERFORM gl_notify(TG_TABLE_NAME, (SELECT ST_Extent(geom) FROM new_rows)); RETURN NULL; END $$;

CREATE FUNCTION gl_notify_delete() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN PERFORM gl_notify(TG_TABLE_NAME, (SELECT ST_Extent(geom) FROM old_rows)); RETURN NULL; END $$;

CREATE FUNCTION gl_notify_update() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM gl_notify(TG_TABLE_NAME,
                      (SELECT ST_Extent(geom) FROM (SELECT geom FROM old_rows UNION ALL SELECT geom FROM new_rows) g));
    RETURN NULL;
END
$$;

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['incident', 'region', 'parcel', 'building', 'camera', 'facility', 'component', 'address']
    LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION gl_notify_insert()', t || '_notify_ins', t);
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION gl_notify_delete()', t || '_notify_del', t);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION gl_notify_update()', t || '_notify_upd', t);
    END LOOP;
END
$$;

-- Residents and housing units have no geometry of their own: a change there may touch any
-- population aggregate, so it is announced without a bbox.
CREATE FUNCTION gl_notify_anywhere() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN PERFORM gl_notify(TG_TABLE_NAME, NULL); RETURN NULL; END $$;

CREATE TRIGGER resident_notify AFTER INSERT OR UPDATE OR DELETE ON resident
    FOR EACH STATEMENT EXECUTE FUNCTION gl_notify_anywhere();
CREATE TRIGGER housing_unit_notify AFTER INSERT OR UPDATE OR DELETE ON housing_unit
    FOR EACH STATEMENT EXECUTE FUNCTION gl_notify_anywhere();
