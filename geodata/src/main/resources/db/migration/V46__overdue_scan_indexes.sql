-- The overdue scan finds its few candidates by index (issue 7).
--
-- Every cases.overdue-scan-ms each server asks whether any open case is newly overdue or due for
-- escalation (overdue-pending.sql), and marks them (mark-overdue.sql, mark-escalated.sql). On the
-- district demo (1,000,000 incidents, 766,595 open) the question alone took 3.2 s at low load: a
-- sequential scan for the first half (2.1 s) and 766,595 rows of incident_open_idx for the second
-- (1.1 s), to find nothing — during live intake, every scan took that CPU from the writers (it showed as
-- the costliest statement after intake's own in pg_stat_statements). The partial indexes below hold only
-- the cases each half looks for: open and not yet announced (with a deadline), and open, announced and
-- not yet escalated. Both are walked in deadline order from the oldest, so a scan reads only the cases
-- that are due. Intake's new events (no deadline) enter neither; a service order enters the first.
CREATE INDEX incident_overdue_pending_idx ON incident (deadline)
    WHERE closed_at IS NULL AND overdue_announced_at IS NULL AND deadline IS NOT NULL;
CREATE INDEX incident_escalation_pending_idx ON incident (deadline)
    WHERE closed_at IS NULL AND overdue_announced_at IS NOT NULL AND escalated_at IS NULL;
