-- Every incident of the window as binary COPY rows for IncidentPointReader: id, category, source,
-- report time, position in EPSG:4543 (the stored x_4543/y_4543, V34) and its state (2 rejected, 1 open
-- = not closed, 0 closed). COPY takes no bind parameters, so the window's bounds come from two
-- transaction-local settings that IncidentPointReader sets with bind parameters; each is read once
-- (an InitPlan), not per row.
COPY (
    SELECT i.id, i.category_code, i.source, i.reported_at, i.x_4543, i.y_4543,
           (CASE WHEN i.status = 'rejected' THEN 2 WHEN i.closed_at IS NULL THEN 1 ELSE 0 END)::int2
    FROM incident i
    WHERE i.reported_at >= (SELECT current_setting('gridlens.hot_area_from')::timestamptz)
      AND i.reported_at < (SELECT current_setting('gridlens.hot_area_to')::timestamptz)
) TO STDOUT (FORMAT binary)
