-- The per-statement INSERT triggers of incident whose work a bulk import does itself (named by the
-- caller, bind 1), with the definition and enabled state to restore them from. They are dropped, not
-- disabled, because PostgreSQL fills an INSERT's transition table for every trigger that declares one,
-- enabled or not: a million whole rows written to a tuplestore that nobody would read.
SELECT t.tgname AS name, pg_get_triggerdef(t.oid) AS def, t.tgenabled::text AS enabled
FROM pg_trigger t
WHERE t.tgrelid = 'incident'::regclass AND NOT t.tgisinternal AND t.tgname = ANY (?)
ORDER BY 1
