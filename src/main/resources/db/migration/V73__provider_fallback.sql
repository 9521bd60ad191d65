-- A provider mailbox may fall back to its own SMTP server when the provider cannot take
-- a message (unreachable, refused key, rate limit or server error): the batch goes on
-- over SMTP instead of waiting.
ALTER TABLE mailboxes ADD COLUMN provider_fallback_smtp BOOLEAN NOT NULL DEFAULT false;
