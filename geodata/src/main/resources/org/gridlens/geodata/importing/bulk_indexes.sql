-- Secondary indexes of the incident table that a bulk import may drop and rebuild: neither the primary
-- key nor a unique index (ON CONFLICT needs (source, source_id)) nor an index a constraint owns. The
-- predicate (NULL for a full index) lets the bulk path keep a partial index that the new rows would
-- hardly enter (IncidentBulkLoad).
SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def,
       pg_get_expr(i.indpred, i.indrelid) AS predicate
FROM pg_index i
WHERE i.indrelid = 'incident'::regclass
  AND NOT i.indisprimary AND NOT i.indisunique
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
ORDER BY 1
