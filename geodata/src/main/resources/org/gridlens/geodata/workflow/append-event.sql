-- Appends one stage to the log, at the transaction's time: stage, actor, dept, note, incident id.
INSERT INTO case_event (district_code, incident_id, stage, at, actor, dept, note)
SELECT district_code, id, ?, now(), ?, ?, ? FROM incident WHERE id = ?
