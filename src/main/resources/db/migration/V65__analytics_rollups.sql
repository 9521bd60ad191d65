-- Workspace analytics (issue 19) read pre-aggregated figures, never raw events. The hourly rollup
-- is recounted from the raw tables (outbox, tracking_events, analytics_events) one workspace-hour
-- at a time, so a recount is idempotent; events mark their hour dirty and a refresher recounts it.
-- Measures: messages sent (handed to a receiving server), SMTP refusals and DSN bounces by kind,
-- unique messages opened/clicked (human) at their first open/click, people (enrolments) contacted,
-- opened, clicked, replied at their first time, replies, auto-replies, unsubscribes, complaints.
CREATE TABLE analytics_hourly (
    workspace_id     UUID        NOT NULL,
    hour             TIMESTAMPTZ NOT NULL,
    campaign_id      UUID        NOT NULL,
    step             INT         NOT NULL,
    variant          INT         NOT NULL,
    mailbox_id       UUID,
    provider         VARCHAR(10) NOT NULL,
    sent             BIGINT      NOT NULL DEFAULT 0,
    bounced_hard     BIGINT      NOT NULL DEFAULT 0,
    bounced_soft     BIGINT      NOT NULL DEFAULT 0,
    bounced_block    BIGINT      NOT NULL DEFAULT 0,
    bounced_other    BIGINT      NOT NULL DEFAULT 0,
    opened           BIGINT      NOT NULL DEFAULT 0,
    opened_all       BIGINT      NOT NULL DEFAULT 0,
    clicked          BIGINT      NOT NULL DEFAULT 0,
    replied          BIGINT      NOT NULL DEFAULT 0,
    auto_replied     BIGINT      NOT NULL DEFAULT 0,
    unsubscribed     BIGINT      NOT NULL DEFAULT 0,
    complained       BIGINT      NOT NULL DEFAULT 0,
    people_contacted BIGINT      NOT NULL DEFAULT 0,
    people_opened    BIGINT      NOT NULL DEFAULT 0,
    people_clicked   BIGINT      NOT NULL DEFAULT 0,
    people_replied   BIGINT      NOT NULL DEFAULT 0
);
CREATE INDEX analytics_hourly_key ON analytics_hourly (workspace_id, hour);

-- The same measures per day of the workspace's time zone (zone below), at two grains that serve
-- every view without reading hourly rows: per campaign, step, variant and recipient provider, and
-- per campaign and mailbox. Rebuilt from the hourly rows of a day whenever one of them changes.
CREATE TABLE analytics_day_campaign (LIKE analytics_hourly);
ALTER TABLE analytics_day_campaign DROP COLUMN hour, DROP COLUMN mailbox_id, ADD COLUMN day DATE NOT NULL;
CREATE INDEX analytics_day_campaign_key ON analytics_day_campaign (workspace_id, day);
CREATE TABLE analytics_day_mailbox (LIKE analytics_hourly);
ALTER TABLE analytics_day_mailbox DROP COLUMN hour, DROP COLUMN step, DROP COLUMN variant, DROP COLUMN provider,
    ADD COLUMN day DATE NOT NULL;
CREATE INDEX analytics_day_mailbox_key ON analytics_day_mailbox (workspace_id, day);

-- Sends and replies by the recipient's local weekday and hour when the message was sent
-- (slot = ISO weekday 1-7 minus 1, times 24, plus hour): the send-time heatmap.
CREATE TABLE analytics_hourly_slots (
    workspace_id   UUID        NOT NULL,
    hour           TIMESTAMPTZ NOT NULL,
    campaign_id    UUID        NOT NULL,
    slot           SMALLINT    NOT NULL,
    sent           BIGINT      NOT NULL DEFAULT 0,
    replied        BIGINT      NOT NULL DEFAULT 0
);
CREATE INDEX analytics_hourly_slots_key ON analytics_hourly_slots (workspace_id, hour);

-- Hours to recount (marked by events, by a rebuild); taken FOR UPDATE SKIP LOCKED, so each is
-- recounted by one node.
CREATE TABLE analytics_dirty_hours (
    workspace_id UUID        NOT NULL,
    hour         TIMESTAMPTZ NOT NULL,
    marked_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace_id, hour)
);

-- Each workspace's rollup zone (the daily grains' days) and its last rebuild.
CREATE TABLE analytics_rollup_state (
    workspace_id    UUID PRIMARY KEY,
    zone            VARCHAR(64) NOT NULL,
    rebuilt_at      TIMESTAMPTZ,
    rebuild_hours   BIGINT      NOT NULL DEFAULT 0
);

-- The mail provider of each recipient domain (from reputation's MX lookup), as analytics counts it.
CREATE TABLE analytics_recipient_domains (
    domain     VARCHAR(255) PRIMARY KEY,
    provider   VARCHAR(10)  NOT NULL,
    checked_at TIMESTAMPTZ  NOT NULL
);

-- Raw reads of one workspace-hour.
CREATE INDEX outbox_workspace_sent ON outbox (workspace_id, sent_at) WHERE sent_at IS NOT NULL AND campaign_id IS NOT NULL;
CREATE INDEX tracking_events_workspace ON tracking_events (workspace_id, occurred_at);
CREATE INDEX analytics_events_workspace ON analytics_events (workspace_id, occurred_at);
-- "Was there an earlier one?" for unique messages and people.
CREATE INDEX tracking_events_first_open ON tracking_events (outbox_id, kind, occurred_at) INCLUDE (machine);
CREATE INDEX tracking_events_first_person ON tracking_events (enrolment_id, kind, occurred_at) INCLUDE (machine);
CREATE INDEX analytics_events_first_person ON analytics_events (enrolment_id, kind, occurred_at);
CREATE INDEX outbox_enrolment_sent ON outbox (enrolment_id, sent_at) WHERE sent_at IS NOT NULL;

-- The time zone names PostgreSQL knows (AT TIME ZONE fails on any other): a contact's or a
-- campaign's zone counts only when it is one of them (pg_timezone_names is too slow to join).
CREATE TABLE analytics_time_zones (name VARCHAR(64) PRIMARY KEY);
INSERT INTO analytics_time_zones SELECT DISTINCT name FROM pg_timezone_names WHERE length(name) <= 64;
