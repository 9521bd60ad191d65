CREATE TABLE contacts (
    id            UUID PRIMARY KEY,
    workspace_id  UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    email         VARCHAR(320) NOT NULL,
    first_name    VARCHAR(200) NOT NULL DEFAULT '',
    last_name     VARCHAR(200) NOT NULL DEFAULT '',
    company       VARCHAR(300) NOT NULL DEFAULT '',
    title         VARCHAR(300) NOT NULL DEFAULT '',
    phone         VARCHAR(100) NOT NULL DEFAULT '',
    website       VARCHAR(500) NOT NULL DEFAULT '',
    linkedin_url  VARCHAR(500) NOT NULL DEFAULT '',
    time_zone     VARCHAR(64)  NOT NULL DEFAULT '',
    country       VARCHAR(100) NOT NULL DEFAULT '',
    custom        JSONB        NOT NULL DEFAULT '{}',
    tags          TEXT[]       NOT NULL DEFAULT '{}',
    status        VARCHAR(16)  NOT NULL DEFAULT 'active'
        CHECK (status IN ('active', 'unsubscribed', 'bounced', 'complained')),
    role_address  BOOLEAN      NOT NULL DEFAULT false,
    disposable    BOOLEAN      NOT NULL DEFAULT false,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX contacts_email ON contacts (workspace_id, lower(email));
CREATE INDEX contacts_workspace ON contacts (workspace_id, created_at DESC, id);

-- An import job: the API returns it at once, the work goes on in the background.
CREATE TABLE contact_imports (
    id           UUID PRIMARY KEY,
    workspace_id UUID        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    status       VARCHAR(16) NOT NULL CHECK (status IN ('running', 'done', 'failed')),
    mode         VARCHAR(8)  NOT NULL CHECK (mode IN ('update', 'skip')),
    rows_read    BIGINT      NOT NULL DEFAULT 0,
    inserted     BIGINT      NOT NULL DEFAULT 0,
    updated      BIGINT      NOT NULL DEFAULT 0,
    skipped      BIGINT      NOT NULL DEFAULT 0,
    failed       BIGINT      NOT NULL DEFAULT 0,
    errors       JSONB       NOT NULL DEFAULT '[]',
    message      VARCHAR(1000),
    created_at   TIMESTAMPTZ NOT NULL,
    finished_at  TIMESTAMPTZ
);
