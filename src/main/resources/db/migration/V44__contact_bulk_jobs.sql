-- Bulk actions on contacts (tag, list, enrol, status, export, delete) as background jobs.
-- A job walks its selection by contact id in batches; each batch commits with last_id and
-- the counts, so a job interrupted by a restart resumes after last_id. Workers claim a
-- job with FOR UPDATE SKIP LOCKED and hold it for lease_until.
CREATE TABLE contact_bulk_jobs (
    id            UUID         PRIMARY KEY,
    workspace_id  UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    action        VARCHAR(16)  NOT NULL
        CHECK (action IN ('tag_add', 'tag_remove', 'list_add', 'list_remove', 'enrol', 'status', 'export', 'delete')),
    -- The tag, list id, campaign id or status value; '' for export and delete.
    value         VARCHAR(200) NOT NULL DEFAULT '',
    -- The value in words (a list's or campaign's name) and the selection in words, for pages and the audit log.
    value_label   VARCHAR(200) NOT NULL DEFAULT '',
    scope         VARCHAR(8)   NOT NULL CHECK (scope IN ('selected', 'filter')),
    -- scope 'filter': {"q","listId","tag","status","segmentId"}; scope 'selected': {"ids":[...]}.
    selection     JSONB        NOT NULL,
    described     VARCHAR(400) NOT NULL DEFAULT '',
    total         BIGINT       NOT NULL DEFAULT 0,
    done          BIGINT       NOT NULL DEFAULT 0,
    skipped       BIGINT       NOT NULL DEFAULT 0,
    failed        BIGINT       NOT NULL DEFAULT 0,
    status        VARCHAR(10)  NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
    error         VARCHAR(1000),
    last_id       UUID,
    -- Where an export's CSV lies, relative to the data directory.
    export_file   VARCHAR(300),
    actor_user_id UUID,
    api_key_id    UUID,
    lease_until   TIMESTAMPTZ,
    created_at    TIMESTAMPTZ  NOT NULL,
    started_at    TIMESTAMPTZ,
    finished_at   TIMESTAMPTZ
);
CREATE INDEX contact_bulk_jobs_workspace ON contact_bulk_jobs (workspace_id, created_at DESC, id DESC);
CREATE INDEX contact_bulk_jobs_waiting ON contact_bulk_jobs (created_at) WHERE status IN ('queued', 'running');
