-- Append-only audit log: the application only inserts; the trigger refuses changes.
CREATE TABLE audit_events (
    id            BIGSERIAL PRIMARY KEY,
    workspace_id  UUID         NOT NULL,
    actor_user_id UUID,
    actor         VARCHAR(320) NOT NULL,
    action        VARCHAR(64)  NOT NULL,
    target        VARCHAR(400) NOT NULL DEFAULT '',
    ip            VARCHAR(64)  NOT NULL DEFAULT '',
    occurred_at   TIMESTAMPTZ  NOT NULL
);
CREATE INDEX audit_events_workspace ON audit_events (workspace_id, id DESC);

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only';
END;
$$;
CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
