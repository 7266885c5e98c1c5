-- Incident count arrays per grid and whole local month. Binds: first month, end month (exclusive).
SELECT grid_code, counts FROM grid_month_incidents WHERE month >= ? AND month < ?
