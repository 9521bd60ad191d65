-- Backups of the whole installation's database (backups module). Installation-wide on
-- purpose: a backup holds every workspace, so no workspace_id; only installation admins
-- see this table (identity.InstallationAdmins).
CREATE TABLE backups (
    id              uuid        PRIMARY KEY,
    started_at      timestamptz NOT NULL,
    finished_at     timestamptz,
    status          text        NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
    kind            text        NOT NULL CHECK (kind IN ('scheduled', 'manual', 'pre-migration')),
    node            text,
    schema_version  text,
    size_bytes      bigint,
    duration_ms     bigint,
    -- A file path, or s3://bucket/key.
    location        text,
    sha256          text,
    -- The backup's manifest: tables with their row counts and checksums, sequences.
    manifest        jsonb,
    verified_at     timestamptz,
    verified_ok     boolean,
    -- "Row counts matched (n tables)" or what differed, table by table.
    verification    text,
    error           text
);

CREATE INDEX backups_by_start ON backups (started_at DESC);
