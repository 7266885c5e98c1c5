-- How long the wall's aggregates stay exact while the data do not change. They move with the clock in
-- two ways only: an open case passes its deadline (overdue counts grow), and, in a district without any
-- incident, windows and the reference day end "today". Columns: the earliest deadline of an open case
-- still ahead (NULL: none; incident_open_idx), and whether any incident exists.
SELECT (SELECT min(deadline) FROM incident
         WHERE closed_at IS NULL AND status <> 'rejected' AND deadline >= now()) AS next_deadline,
       EXISTS (SELECT 1 FROM incident)                                         AS any_incident
