-- Constraints the demo load drops before its COPYs and re-adds after them (re-adding validates each
-- one with a single set-based query instead of one check per row): foreign keys declared on the
-- loaded tables, and unique constraints of the big tables that no foreign key depends on.
-- Foreign keys come first (drop order); re-add in reverse order.
SELECT c.conrelid::regclass::text AS table_name, c.conname AS name, pg_get_constraintdef(c.oid) AS def
FROM pg_constraint c
WHERE (c.contype = 'f' AND c.conrelid = ANY (?::regclass[]))
   OR (c.contype = 'u' AND c.conrelid = ANY (?::regclass[])
       AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = c.conindid))
ORDER BY (c.contype = 'f') DESC, 1, 2
