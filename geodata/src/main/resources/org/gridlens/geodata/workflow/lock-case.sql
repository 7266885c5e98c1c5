-- Locks one incident for a stage transition; now() is the transaction's time, stamped everywhere.
SELECT kind, status, category_code, deadline, now() AS now
FROM incident
WHERE id = ?
FOR UPDATE
