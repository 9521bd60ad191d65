-- CRM connections (issue 20, HubSpot first): one per workspace and CRM. The private app
-- token is encrypted with shared.Secrets (context "crm:<crm>:<workspace>") and never read back
-- out. status: connected, expired ("Connect again": HubSpot answered 401) or failing.
CREATE TABLE crm_connections (
    workspace_id     UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    crm              VARCHAR(20)  NOT NULL,
    token            BYTEA        NOT NULL,
    token_hint       VARCHAR(20)  NOT NULL,
    status           VARCHAR(20)  NOT NULL,
    message          TEXT,
    target_list      VARCHAR(200) NOT NULL DEFAULT 'HubSpot',
    source_list_id   VARCHAR(40),
    field_map        JSONB        NOT NULL DEFAULT '{}',
    import_every     VARCHAR(10)  NOT NULL DEFAULT 'off',
    next_import_at   TIMESTAMPTZ,
    importing_until  TIMESTAMPTZ,
    connected_at     TIMESTAMPTZ  NOT NULL,
    last_import_at   TIMESTAMPTZ,
    PRIMARY KEY (workspace_id, crm)
);

-- The CRM record a contact came from: the key of every later import, so an address changed
-- in the CRM updates the same contact instead of creating another.
CREATE TABLE crm_links (
    workspace_id UUID        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    crm          VARCHAR(20) NOT NULL,
    record_id    VARCHAR(40) NOT NULL,
    contact_id   UUID        NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    linked_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (workspace_id, crm, record_id),
    UNIQUE (workspace_id, crm, contact_id)
);

-- One import run and its counts; crm_sync_entries says what happened to each record that was
-- created or skipped (updates are counted, and listed when a field changed).
CREATE TABLE crm_sync_runs (
    id           UUID PRIMARY KEY,
    workspace_id UUID        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    crm          VARCHAR(20) NOT NULL,
    source       VARCHAR(60) NOT NULL,
    status       VARCHAR(20) NOT NULL,
    message      TEXT,
    pages        INT         NOT NULL DEFAULT 0,
    created      INT         NOT NULL DEFAULT 0,
    updated      INT         NOT NULL DEFAULT 0,
    unchanged    INT         NOT NULL DEFAULT 0,
    skipped      INT         NOT NULL DEFAULT 0,
    started_at   TIMESTAMPTZ NOT NULL,
    finished_at  TIMESTAMPTZ
);
CREATE INDEX crm_sync_runs_workspace ON crm_sync_runs (workspace_id, started_at DESC);

CREATE TABLE crm_sync_entries (
    run_id       UUID         NOT NULL REFERENCES crm_sync_runs (id) ON DELETE CASCADE,
    seq          INT          NOT NULL,
    workspace_id UUID         NOT NULL,
    record_id    VARCHAR(40),
    email        VARCHAR(320),
    outcome      VARCHAR(20)  NOT NULL,
    reason       TEXT,
    PRIMARY KEY (run_id, seq)
);
