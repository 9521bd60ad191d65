-- Cohorts by the sending mailbox's warmup week then (cohort_kind 'warmup_week': the week of its
-- ramp, or 'none' before or without warmup). Every hour that has cohort rows is recounted by the
-- rollup refresher, which adds the new kind.
ALTER TABLE analytics_hourly_cohorts DROP CONSTRAINT analytics_hourly_cohorts_cohort_kind_check;
ALTER TABLE analytics_hourly_cohorts ADD CONSTRAINT analytics_hourly_cohorts_cohort_kind_check
    CHECK (cohort_kind IN ('first_send_week', 'mailbox_age_week', 'warmup_week', 'import_week'));

INSERT INTO analytics_dirty_hours (workspace_id, hour)
SELECT DISTINCT workspace_id, hour FROM analytics_hourly_cohorts
ON CONFLICT DO NOTHING;
