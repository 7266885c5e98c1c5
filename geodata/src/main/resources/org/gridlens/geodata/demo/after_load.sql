-- Run once inside the demo load transaction after all COPYs: moves identity sequences past the
-- explicitly loaded ids (so later inserts do not collide) and refreshes planner statistics.
SELECT setval(pg_get_serial_sequence('parcel', 'id'), coalesce(max(id), 0) + 1, false) FROM parcel;
SELECT setval(pg_get_serial_sequence('building', 'id'), coalesce(max(id), 0) + 1, false) FROM building;
SELECT setval(pg_get_serial_sequence('housing_unit', 'id'), coalesce(max(id), 0) + 1, false) FROM housing_unit;
SELECT setval(pg_get_serial_sequence('resident', 'id'), coalesce(max(id), 0) + 1, false) FROM resident;
SELECT setval(pg_get_serial_sequence('address', 'id'), coalesce(max(id), 0) + 1, false) FROM address;
SELECT setval(pg_get_serial_sequence('component', 'id'), coalesce(max(id), 0) + 1, false) FROM component;
SELECT setval(pg_get_serial_sequence('camera', 'id'), coalesce(max(id), 0) + 1, false) FROM camera;
SELECT setval(pg_get_serial_sequence('facility', 'id'), coalesce(max(id), 0) + 1, false) FROM facility;
SELECT setval(pg_get_serial_sequence('incident', 'id'), coalesce(max(id), 0) + 1, false) FROM incident;
SELECT setval(pg_get_serial_sequence('case_event', 'id'), coalesce(max(id), 0) + 1, false) FROM case_event;
ANALYZE;
