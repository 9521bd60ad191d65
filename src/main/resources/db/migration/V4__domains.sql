CREATE TABLE domains (
    id               UUID PRIMARY KEY,
    workspace_id     UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name             VARCHAR(253) NOT NULL,
    receives_mail    BOOLEAN      NOT NULL DEFAULT false,
    mx_hosts         VARCHAR(1000) NOT NULL DEFAULT '',
    spf_mechanisms   VARCHAR(1000) NOT NULL DEFAULT '',
    ownership_token  VARCHAR(64)  NOT NULL,
    status           VARCHAR(16)  NOT NULL DEFAULT 'pending',
    created_at       TIMESTAMPTZ  NOT NULL,
    last_checked_at  TIMESTAMPTZ,
    last_verified_at TIMESTAMPTZ,
    last_results     JSONB,
    -- When the scheduled re-verification takes it next; a node claiming it moves this past its lease.
    next_check_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX domains_next_check ON domains (next_check_at);
-- One workspace holds a domain; a claim by another workspace goes through the ownership token.
CREATE UNIQUE INDEX domains_name ON domains (name);
CREATE INDEX domains_workspace ON domains (workspace_id, name);

CREATE TABLE dkim_keys (
    id           UUID PRIMARY KEY,
    workspace_id UUID        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    domain_id    UUID        NOT NULL REFERENCES domains (id) ON DELETE CASCADE,
    selector     VARCHAR(63) NOT NULL,
    public_key   TEXT        NOT NULL,
    private_key  BYTEA       NOT NULL,
    status       VARCHAR(16) NOT NULL CHECK (status IN ('active', 'pending', 'retired')),
    created_at   TIMESTAMPTZ NOT NULL,
    retired_at   TIMESTAMPTZ,
    UNIQUE (domain_id, selector)
);
CREATE UNIQUE INDEX dkim_keys_one_active ON dkim_keys (domain_id) WHERE status = 'active';
