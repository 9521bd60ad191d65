-- Addresses and whole domains a workspace must never mail. The SHA-256 of the value is the key,
-- so an erased contact (GDPR) can stay suppressed with only its hash kept (value set to NULL).
CREATE TABLE suppressions (
    id           UUID PRIMARY KEY,
    workspace_id UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    kind         VARCHAR(8)   NOT NULL CHECK (kind IN ('address', 'domain')),
    value        VARCHAR(320),
    value_hash   BYTEA        NOT NULL,
    reason       VARCHAR(16)  NOT NULL CHECK (reason IN ('unsubscribed', 'hard_bounce', 'complaint', 'manual')),
    created_at   TIMESTAMPTZ  NOT NULL,
    UNIQUE (workspace_id, value_hash)
);
CREATE INDEX suppressions_workspace ON suppressions (workspace_id, created_at DESC, id);
