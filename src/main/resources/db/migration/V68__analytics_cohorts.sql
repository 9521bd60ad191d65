-- Cohorts (issue 19): people contacted and people who replied, counted when it happened (so any period
-- sums them once) and keyed by the cohort of the person's first message: the UTC week it was sent
-- (first_send_week), the sending mailbox's age in whole weeks then (mailbox_age_week), the week the
-- contact was created or imported (import_week). Recounted with the hour, like analytics_hourly.
CREATE TABLE analytics_hourly_cohorts (
    workspace_id UUID        NOT NULL,
    hour         TIMESTAMPTZ NOT NULL,
    campaign_id  UUID        NOT NULL,
    cohort_kind  VARCHAR(16) NOT NULL CHECK (cohort_kind IN ('first_send_week', 'mailbox_age_week', 'import_week')),
    cohort       VARCHAR(16) NOT NULL,
    contacted    BIGINT      NOT NULL DEFAULT 0,
    replied      BIGINT      NOT NULL DEFAULT 0
);
CREATE INDEX analytics_hourly_cohorts_key ON analytics_hourly_cohorts (workspace_id, cohort_kind, hour);
