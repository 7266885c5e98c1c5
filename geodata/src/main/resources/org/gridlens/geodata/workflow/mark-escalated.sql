-- Cases still open a further full time limit past their deadline: escalate once.
UPDATE incident SET escalated_at = now()
WHERE id IN (SELECT i.id FROM incident i
             JOIN category c ON c.code = i.category_code
             WHERE i.closed_at IS NULL AND i.overdue_announced_at IS NOT NULL AND i.escalated_at IS NULL
               AND i.deadline + make_interval(hours => coalesce(c.time_limit_hours, 24)) < now()
             ORDER BY i.deadline
             LIMIT ?
             FOR UPDATE OF i SKIP LOCKED)
