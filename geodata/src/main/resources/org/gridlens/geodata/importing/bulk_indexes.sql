-- Secondary indexes of the incident table that a bulk import drops and rebuilds: neither the primary
-- key nor a unique index (ON CONFLICT needs (source, source_id)) nor an index a constraint owns.
SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
FROM pg_index i
WHERE i.indrelid = 'incident'::regclass
  AND NOT i.indisprimary AND NOT i.indisunique
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
ORDER BY 1
