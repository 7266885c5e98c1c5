-- Foreign keys declared on the incident table: a bulk import drops them and re-adds them after the
-- upsert, so each is validated by one set-based query instead of one trigger call per row.
SELECT c.conname AS name, pg_get_constraintdef(c.oid) AS def
FROM pg_constraint c
WHERE c.contype = 'f' AND c.conrelid = 'incident'::regclass
ORDER BY 1
