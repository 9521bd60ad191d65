-- Inbound mail without threading headers (a reply with a new subject line, a mailto
-- unsubscribe, an auto-reply) is matched to what the mailbox last sent its sender.
CREATE INDEX outbox_to_address ON outbox (workspace_id, lower(to_address), sent_at DESC);
