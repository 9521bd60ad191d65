-- Webhook senders: a replay flag on a delivery (the next attempt is logged as a replay and,
-- failing, does not retry), and indexes for retention housekeeping and the delivery log.
ALTER TABLE webhook_deliveries ADD COLUMN replay BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX webhook_deliveries_workspace ON webhook_deliveries (workspace_id, created_at DESC, id DESC);
CREATE INDEX webhook_events_created ON webhook_events (created_at);
CREATE INDEX webhook_attempts_attempted ON webhook_attempts (attempted_at);
