SELECT id, kind, category_code, ST_X(center) AS lon, ST_Y(center) AS lat, radius_m, start_day, end_day,
       expected_count, note
FROM demo_truth
ORDER BY id
