-- Applies one allowed transition: new status, the stage columns the rule stamps (flags), deadline,
-- department, corrected category, counters, rating. Values only; the flags come from CaseWorkflow.
UPDATE incident SET
    status        = ?,
    registered_at = CASE WHEN ? THEN now() ELSE registered_at END,
    dispatched_at = CASE WHEN ? THEN now() ELSE dispatched_at END,
    handled_at    = CASE WHEN ? THEN now() ELSE handled_at END,
    checked_at    = CASE WHEN ? THEN now() ELSE checked_at END,
    closed_at     = CASE WHEN ? THEN now() ELSE closed_at END,
    evaluated_at  = CASE WHEN ? THEN now() ELSE evaluated_at END,
    deadline      = coalesce(?, deadline),
    dept          = CASE WHEN ? THEN ? ELSE dept END,
    category_code = coalesce(?, category_code),
    extensions    = extensions + ?,
    reworks       = reworks + ?,
    rating        = coalesce(?, rating),
    updated_at    = now()
WHERE id = ?
