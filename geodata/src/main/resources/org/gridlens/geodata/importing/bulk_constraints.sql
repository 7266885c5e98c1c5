-- Constraints of the incident table that a bulk import drops and re-adds after writing, so each is
-- checked by one set-based pass instead of once per row: the foreign keys (one validating join each)
-- and the unique key on (source, source_id) (one sorted index build instead of a million random
-- B-tree insertions). The bulk path itself never writes a duplicate key: staged keys are unique and
-- new rows are only those whose key is not in the table; a violation would fail the re-add and roll
-- the whole import back. Unique first: it is the one a failure most likely names.
SELECT c.conname AS name, pg_get_constraintdef(c.oid) AS def
FROM pg_constraint c
WHERE c.contype IN ('u', 'f') AND c.conrelid = 'incident'::regclass
ORDER BY c.contype DESC, 1
