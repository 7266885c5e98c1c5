-- Open cases past their deadline, not yet announced: mark them (a bounded number per scan).
-- SKIP LOCKED: a case being moved on right now is left for the next scan instead of waiting.
UPDATE incident SET overdue_announced_at = now()
WHERE id IN (SELECT id FROM incident
             WHERE closed_at IS NULL AND deadline < now() AND overdue_announced_at IS NULL
             ORDER BY deadline
             LIMIT ?
             FOR UPDATE SKIP LOCKED)
