-- Who may see what: people (login), machine/kiosk tokens, browser sessions, and the audit trail.
-- Secrets are stored only as hashes: passwords as PBKDF2-HMAC-SHA256 (salted, iterated), tokens and
-- session ids (256-bit random values) as SHA-256.

CREATE TABLE app_user (
    id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username      varchar(64) NOT NULL UNIQUE CHECK (username ~ '^[a-z][a-z0-9._-]{1,63}$'),
    password_hash text        NOT NULL,
    roles         text[]      NOT NULL CHECK (roles <@ ARRAY['wall','planner','manager','data_steward','intake','admin']),
    disabled      boolean     NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE api_token (
    id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        varchar(64) NOT NULL,
    token_hash  bytea       NOT NULL UNIQUE,
    roles       text[]      NOT NULL CHECK (roles <@ ARRAY['wall','planner','manager','data_steward','intake','admin']),
    created_at  timestamptz NOT NULL DEFAULT now(),
    created_by  text        NOT NULL,
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);

CREATE TABLE web_session (
    id_hash     bytea       PRIMARY KEY,
    user_id     integer     NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    csrf_token  text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL
);
CREATE INDEX web_session_expiry_idx ON web_session (expires_at);

-- Append-only: the application can add entries and read them; nothing can change or remove one.
CREATE TABLE audit_log (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at      timestamptz NOT NULL DEFAULT now(),
    actor   text        NOT NULL,
    action  text        NOT NULL,
    target  text,
    outcome text        NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
    client  text,
    detail  jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE INDEX audit_log_actor_idx ON audit_log (actor, at);
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION gl_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION gl_refuse_change();

-- A read-only database role for read routes: SELECT on everything but credentials, nothing else.
-- The server's read pool switches to it (SET ROLE) and also runs read-only transactions.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gridlens_reader') THEN
        CREATE ROLE gridlens_reader NOLOGIN;
    END IF;
END
$$;
GRANT USAGE ON SCHEMA public TO gridlens_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO gridlens_reader;
REVOKE SELECT ON app_user, api_token, web_session FROM gridlens_reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO gridlens_reader;
DO $$ BEGIN EXECUTE format('GRANT gridlens_reader TO %I', current_user); END $$;
