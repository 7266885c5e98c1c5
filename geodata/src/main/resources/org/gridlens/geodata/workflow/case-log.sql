-- The stage log of one incident, oldest first.
SELECT id, stage, at, actor, dept, note FROM case_event WHERE incident_id = ? ORDER BY at, id
