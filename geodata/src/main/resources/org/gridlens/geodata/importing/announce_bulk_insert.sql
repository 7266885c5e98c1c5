-- The announcement the incident_announce_ins trigger (V40) sends for a statement of more than 50 rows,
-- same payload, from figures the bulk insert already has (no second pass over the new rows).
SELECT pg_notify('gridlens_incident', json_build_object(
    'op', 'bulk_insert', 'count', ?::bigint, 'minId', ?::bigint, 'maxId', ?::bigint,
    'bbox', json_build_array(?::float8, ?::float8, ?::float8, ?::float8))::text)
