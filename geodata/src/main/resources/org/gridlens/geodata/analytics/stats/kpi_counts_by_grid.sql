-- One-dimensional KPI counts per grid (migration V33): whole months from grid_kpi_month, the days of
-- partial months from grid_kpi_day. Binds: month range [?, ?), day ranges [?, ?) and [?, ?).
SELECT grid_code, sum(registered), sum(due), sum(due_on_time), sum(closed), sum(reworked), sum(handled),
       sum(handled_us)
FROM (SELECT grid_code, registered, due, due_on_time, closed, reworked, handled, handled_us
      FROM grid_kpi_month WHERE month >= ? AND month < ?
      UNION ALL
      SELECT grid_code, registered, due, due_on_time, closed, reworked, handled, handled_us
      FROM grid_kpi_day WHERE day >= ? AND day < ?
      UNION ALL
      SELECT grid_code, registered, due, due_on_time, closed, reworked, handled, handled_us
      FROM grid_kpi_day WHERE day >= ? AND day < ?) x
GROUP BY grid_code
