-- In-app alerts of a workspace (a domain that starts failing, ...), shown to its members.
CREATE TABLE alerts (
    id           UUID PRIMARY KEY,
    workspace_id UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    severity     VARCHAR(16)  NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
    title        VARCHAR(300) NOT NULL,
    body         TEXT         NOT NULL DEFAULT '',
    link         VARCHAR(300) NOT NULL DEFAULT '',
    created_at   TIMESTAMPTZ  NOT NULL,
    read_at      TIMESTAMPTZ
);
CREATE INDEX alerts_workspace ON alerts (workspace_id, created_at DESC);
