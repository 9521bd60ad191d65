-- When each event was counted, so the dedupe table is emptied of events no node can be handed
-- again (DashboardHousekeeping keeps 30 days): it had one row per message ever sent.
ALTER TABLE dashboard_counted ADD COLUMN counted_at TIMESTAMPTZ NOT NULL DEFAULT now();
CREATE INDEX dashboard_counted_at ON dashboard_counted (counted_at);
