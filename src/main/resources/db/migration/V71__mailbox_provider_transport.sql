-- A mailbox sends through its SMTP server (as before) or a provider's HTTP API: Postmark,
-- Mailgun or Amazon SES. The provider's secrets (server token, API key, AWS key pair) are
-- one JSON object encrypted with the master key (shared.Secrets), never returned.
ALTER TABLE mailboxes ADD COLUMN transport TEXT NOT NULL DEFAULT 'smtp'
    CHECK (transport IN ('smtp', 'postmark', 'mailgun', 'ses'));
-- Postmark: the message stream; Mailgun: the sending domain; Mailgun us/eu or an AWS region.
ALTER TABLE mailboxes ADD COLUMN provider_stream TEXT;
ALTER TABLE mailboxes ADD COLUMN provider_domain TEXT;
ALTER TABLE mailboxes ADD COLUMN provider_region TEXT;
ALTER TABLE mailboxes ADD COLUMN provider_credentials BYTEA;

-- Provider webhooks find our message by the id the provider gave it (kept in queue_id).
CREATE INDEX IF NOT EXISTS outbox_queue_id ON outbox (workspace_id, queue_id) WHERE queue_id IS NOT NULL;
