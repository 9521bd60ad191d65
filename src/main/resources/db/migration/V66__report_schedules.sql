-- Scheduled reports: a workspace analytics view written as a file (CSV, Excel, PDF) and
-- e-mailed to chosen members daily, weekly or monthly at a local time in the workspace's time
-- zone. next_run_at is that local time as an instant (DST resolved when it is computed): every
-- node's runner claims due rows FOR UPDATE SKIP LOCKED and moves next_run_at on in the same
-- transaction, so each run is sent by one node only.
CREATE TABLE analytics_report_schedules (
    id            UUID PRIMARY KEY,
    workspace_id  UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name          VARCHAR(200) NOT NULL CHECK (length(name) > 0),
    view          VARCHAR(16)  NOT NULL,
    -- The period the report covers, ending the day before the run (workspace time zone):
    -- last_day, last_7_days, last_30_days, last_month.
    period        VARCHAR(16)  NOT NULL,
    -- Optional filter: these campaigns only (empty: all).
    campaign_ids  UUID[]       NOT NULL DEFAULT '{}',
    format        VARCHAR(8)   NOT NULL CHECK (format IN ('csv', 'xlsx', 'pdf')),
    cadence       VARCHAR(8)   NOT NULL CHECK (cadence IN ('daily', 'weekly', 'monthly')),
    -- ISO 8601 weekday, 1 = Monday (weekly only).
    day_of_week   SMALLINT     CHECK (day_of_week BETWEEN 1 AND 7),
    -- 1 to 28, so every month has the day (monthly only).
    day_of_month  SMALLINT     CHECK (day_of_month BETWEEN 1 AND 28),
    local_time    TIME         NOT NULL,
    -- Members' user ids; one no longer a member when the report runs is skipped.
    recipients    UUID[]       NOT NULL,
    created_by    UUID         REFERENCES users (id) ON DELETE SET NULL,
    created_at    TIMESTAMPTZ  NOT NULL,
    paused        BOOLEAN      NOT NULL DEFAULT false,
    next_run_at   TIMESTAMPTZ  NOT NULL,
    CHECK (cadence <> 'weekly' OR day_of_week IS NOT NULL),
    CHECK (cadence <> 'monthly' OR day_of_month IS NOT NULL)
);
-- The runner's claim: due, unpaused schedules, oldest first.
CREATE INDEX analytics_report_schedules_due ON analytics_report_schedules (next_run_at) WHERE NOT paused;
CREATE INDEX analytics_report_schedules_workspace ON analytics_report_schedules (workspace_id, created_at);

-- Report history: one row per run, sent or failed. A file too large to attach is kept here
-- (bytea, not a file under the data directory) until expires_at so that any node of a cluster
-- serves its signed download link: the data directory is per node, the database is shared.
CREATE TABLE analytics_report_runs (
    id           UUID PRIMARY KEY,
    schedule_id  UUID          NOT NULL REFERENCES analytics_report_schedules (id) ON DELETE CASCADE,
    workspace_id UUID          NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    period_from  DATE          NOT NULL,
    period_to    DATE          NOT NULL,
    ran_at       TIMESTAMPTZ   NOT NULL,
    -- schedule (the runner) or manual ("send now").
    trigger      VARCHAR(8)    NOT NULL CHECK (trigger IN ('schedule', 'manual')),
    status       VARCHAR(8)    NOT NULL CHECK (status IN ('sent', 'failed')),
    recipients   INT           NOT NULL DEFAULT 0,
    -- Recipients left out (no longer members), in words; empty when none.
    skipped      VARCHAR(1000) NOT NULL DEFAULT '',
    file_name    VARCHAR(300),
    size_bytes   BIGINT,
    delivery     VARCHAR(8)    CHECK (delivery IN ('attached', 'link')),
    media_type   VARCHAR(100),
    content      BYTEA,
    expires_at   TIMESTAMPTZ,
    error        VARCHAR(2000)
);
CREATE INDEX analytics_report_runs_schedule ON analytics_report_runs (schedule_id, ran_at DESC);
-- Housekeeping drops the kept files of expired links.
CREATE INDEX analytics_report_runs_expiry ON analytics_report_runs (expires_at) WHERE content IS NOT NULL;
