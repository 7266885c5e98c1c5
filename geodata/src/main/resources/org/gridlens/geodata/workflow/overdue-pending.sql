-- Whether a scan has anything to mark. Checked first because even an UPDATE of no rows fires the
-- statement-level change-feed trigger, which would announce a "layer changed" every scan.
SELECT EXISTS (SELECT 1 FROM incident
               WHERE closed_at IS NULL AND deadline < now() AND overdue_announced_at IS NULL) AS overdue,
       EXISTS (SELECT 1 FROM incident i JOIN category c ON c.code = i.category_code
               WHERE i.closed_at IS NULL AND i.overdue_announced_at IS NOT NULL AND i.escalated_at IS NULL
                 AND i.deadline + make_interval(hours => coalesce(c.time_limit_hours, 24)) < now()) AS escalated
