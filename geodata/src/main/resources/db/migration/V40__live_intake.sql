-- Live intake, case workflow and service orders (issue 7).
--
-- * payload_hash: SHA-256 of the normalised intake payload, so that resending a client id with the
--   same payload returns the original result and a different payload is refused (409).
-- * Service orders run on the same table and stage log: stages take/complete/rate and their statuses;
--   orders from vulnerable households (a resident living alone elderly or disabled) are flagged and
--   carry a priority (higher first).
-- * overdue_announced_at / escalated_at make "case.overdue" and "case.escalated" fire once per case,
--   even with several servers scanning (the UPDATE ... WHERE ... IS NULL decides who announces).
-- * Every committed insert or stage change is announced on channel 'gridlens_incident' (after commit,
--   by PostgreSQL), so every server pushes the same events to its displays.

ALTER TABLE incident
    ADD COLUMN payload_hash         bytea,
    ADD COLUMN location_crs         text CHECK (location_crs IN ('WGS84', 'CGCS2000', 'GCJ02', 'address', 'housing_unit')),
    ADD COLUMN photo_url            text CHECK (photo_url ~ '^https?://' AND length(photo_url) <= 2000),
    ADD COLUMN dept                 text CHECK (length(dept) <= 200),
    ADD COLUMN extensions           smallint NOT NULL DEFAULT 0 CHECK (extensions >= 0),
    ADD COLUMN reworks              smallint NOT NULL DEFAULT 0 CHECK (reworks >= 0),
    ADD COLUMN housing_unit_id      integer REFERENCES housing_unit (id),
    ADD COLUMN urgency              text CHECK (urgency IN ('low', 'normal', 'urgent')),
    ADD COLUMN vulnerable           boolean NOT NULL DEFAULT false,
    ADD COLUMN priority             smallint NOT NULL DEFAULT 0,
    ADD COLUMN rating               smallint CHECK (rating BETWEEN 1 AND 5),
    ADD COLUMN updated_at           timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN overdue_announced_at timestamptz,
    ADD COLUMN escalated_at         timestamptz;

ALTER TABLE incident DROP CONSTRAINT incident_status_check;
ALTER TABLE incident ADD CONSTRAINT incident_status_check CHECK (status IN (
    'reported', 'registered', 'dispatched', 'handled', 'checked', 'closed', 'evaluated', 'rejected',
    'taken', 'completed', 'rated'));

ALTER TABLE case_event DROP CONSTRAINT case_event_stage_check;
ALTER TABLE case_event ADD CONSTRAINT case_event_stage_check CHECK (stage IN (
    'report', 'register', 'dispatch', 'handle', 'extend', 'send_back', 'check', 'rework', 'close', 'evaluate',
    'reject', 'take', 'complete', 'rate'));

-- Open orders by priority then age (GET /api/orders?status=open).
CREATE INDEX incident_open_orders_idx ON incident (priority DESC, accepted_at)
    WHERE kind = 'service_order' AND closed_at IS NULL;
-- Households resolve to a point through their address.
CREATE INDEX address_housing_unit_idx ON address (housing_unit_id);

-- ---------------------------------------------------------------------------------------------
-- Announcements on 'gridlens_incident' (JSON, well under the 8000-byte limit):
--   {"op": "insert"|"update"|"overdue"|"escalated", "id": 1, "kind": "...", "status": "...",
--    "category": "...", "grid": "...", "cell": 1, "lon": .., "lat": .., "deadline": "...", "dept": "..."}
-- one per row for statements of at most 50 rows; a bigger statement sends one
--   {"op": "bulk_insert"|"bulk_update", "count": n, "minId": a, "maxId": b, "bbox": [..]}
-- so a 10,000-row batch costs one notification, not 10,000.
-- ---------------------------------------------------------------------------------------------
CREATE FUNCTION gl_incident_announce(op text, r incident) RETURNS void LANGUAGE sql AS
$$
SELECT pg_notify('gridlens_incident', json_build_object(
    'op', op, 'id', r.id, 'kind', r.kind, 'status', r.status, 'category', r.category_code,
    'grid', r.grid_code, 'cell', r.cell_id, 'lon', round(ST_X(r.geom)::numeric, 7), 'lat', round(ST_Y(r.geom)::numeric, 7),
    'deadline', r.deadline, 'dept', r.dept, 'vulnerable', r.vulnerable, 'priority', r.priority)::text)
$$;

-- Announces the rows of a statement: one notification each, or one bulk notification.
CREATE FUNCTION gl_incident_announce_set(op text, ids bigint[]) RETURNS void LANGUAGE plpgsql AS
$$
DECLARE
    r  incident;
    e  box2d;
BEGIN
    IF cardinality(ids) = 0 THEN
        RETURN;
    ELSIF cardinality(ids) <= 50 THEN
        FOR r IN SELECT * FROM incident WHERE id = ANY (ids) ORDER BY id LOOP
            PERFORM gl_incident_announce(op, r);
        END LOOP;
    ELSE
        SELECT ST_Extent(geom) INTO e FROM incident WHERE id = ANY (ids);
        PERFORM pg_notify('gridlens_incident', json_build_object(
            'op', 'bulk_' || op, 'count', cardinality(ids),
            'minId', (SELECT min(x) FROM unnest(ids) x), 'maxId', (SELECT max(x) FROM unnest(ids) x),
            'bbox', json_build_array(ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)))::text);
    END IF;
END
$$;

CREATE FUNCTION gl_incident_announce_ins() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM gl_incident_announce_set('insert', ARRAY(SELECT id FROM new_rows));
    RETURN NULL;
END
$$;

-- PostgreSQL refuses transition tables on triggers with column lists, so updates compare old and new
-- rows: only changes a display cares about (stage, deadline, department, category, rating) are
-- announced; the overdue and escalation marks are announced under their own op.
CREATE FUNCTION gl_incident_announce_upd() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM gl_incident_announce_set('update', ARRAY(
        SELECT n.id FROM new_rows n JOIN old_rows o USING (id)
        WHERE (n.status, n.deadline, n.dept, n.category_code, n.rating)
              IS DISTINCT FROM (o.status, o.deadline, o.dept, o.category_code, o.rating)));
    PERFORM gl_incident_announce_set('overdue', ARRAY(
        SELECT n.id FROM new_rows n JOIN old_rows o USING (id)
        WHERE n.overdue_announced_at IS NOT NULL AND o.overdue_announced_at IS NULL));
    PERFORM gl_incident_announce_set('escalated', ARRAY(
        SELECT n.id FROM new_rows n JOIN old_rows o USING (id)
        WHERE n.escalated_at IS NOT NULL AND o.escalated_at IS NULL));
    RETURN NULL;
END
$$;

CREATE TRIGGER incident_announce_ins AFTER INSERT ON incident
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gl_incident_announce_ins();
CREATE TRIGGER incident_announce_upd AFTER UPDATE ON incident
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gl_incident_announce_upd();
