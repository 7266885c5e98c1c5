-- The KPI roll-ups of V33 decide whether a case's rework event is its FIRST one, and whether a case
-- being closed was reworked, by reading case_event after locking the case's incident row. That read
-- sees a concurrent transaction's committed event only when each statement takes a fresh snapshot:
--   READ COMMITTED (every GridLens writer): the second writer waits on the row lock, then sees the
--     first's event: counted once (ReworkRollupRaceTest);
--   SERIALIZABLE: PostgreSQL's predicate locks see the read/write conflict and abort one of the two
--     with SQLSTATE 40001; its retry counts nothing twice;
--   REPEATABLE READ: the snapshot is the transaction's first, the first's event stays invisible and
--     the case is counted twice (or, for a close racing a rework, not at all).
-- So writes that can take those paths are refused at REPEATABLE READ, before they change anything,
-- with a message that says why. Readers at any isolation level are unaffected.

CREATE FUNCTION gl_refuse_repeatable_read() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    IF current_setting('transaction_isolation') = 'repeatable read' THEN
        RAISE EXCEPTION 'GridLens refuses % on % at REPEATABLE READ', TG_OP, TG_TABLE_NAME
            USING ERRCODE = 'invalid_transaction_state',
                  DETAIL = 'The case KPI roll-ups need a fresh snapshot per statement to count a case''s first rework once.',
                  HINT = 'Write at READ COMMITTED (the default) or SERIALIZABLE.';
    END IF;
    RETURN NULL;
END
$$;

-- case_event: a rework event is counted by the V33 trigger (the log is append-only, V1, so INSERT is its
-- only write); incident: closing, reopening or deleting a case (UPDATE, DELETE) looks the rework up.
-- A new incident cannot race a rework of itself, so INSERT on incident (live intake's path) is not
-- guarded and pays nothing.
CREATE TRIGGER case_event_isolation BEFORE INSERT ON case_event
    FOR EACH STATEMENT EXECUTE FUNCTION gl_refuse_repeatable_read();
CREATE TRIGGER incident_isolation BEFORE UPDATE OR DELETE ON incident
    FOR EACH STATEMENT EXECUTE FUNCTION gl_refuse_repeatable_read();
