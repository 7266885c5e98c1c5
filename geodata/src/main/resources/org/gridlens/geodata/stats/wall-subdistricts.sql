-- Subdistrict league table over the [bind 1, bind 2) local days: incidents, closed cases and open
-- overdue cases per subdistrict (grid -> community -> subdistrict), every subdistrict listed.
WITH grid_sub AS (
    SELECT g.code AS grid_code, s.code AS sub_code
    FROM region g
    JOIN region c ON c.code = g.parent_code
    JOIN region s ON s.code = c.parent_code AND s.level = 'subdistrict'
    WHERE g.level = 'grid'
), counts AS (
    SELECT gs.sub_code,
           count(*) FILTER (WHERE i.status <> 'rejected')                              AS cases,
           count(*) FILTER (WHERE i.status <> 'rejected' AND i.closed_at IS NOT NULL)   AS closed,
           count(*) FILTER (WHERE i.closed_at IS NULL AND i.status <> 'rejected'
                              AND i.deadline < now())                                  AS overdue,
           count(*)                                                                   AS incidents
    FROM incident i
    JOIN grid_sub gs ON gs.grid_code = i.grid_code
    WHERE i.reported_at >= (?::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
      AND i.reported_at <  (?::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
    GROUP BY gs.sub_code
)
SELECT s.code, s.name, s.name_en, coalesce(k.incidents, 0), coalesce(k.cases, 0), coalesce(k.closed, 0),
       coalesce(k.overdue, 0)
FROM region s
LEFT JOIN counts k ON k.sub_code = s.code
WHERE s.level = 'subdistrict'
ORDER BY coalesce(k.incidents, 0) DESC, s.code
