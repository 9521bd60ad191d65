-- Bounces are classified to a reason of a fixed taxonomy (BounceReason: user_unknown,
-- mailbox_full, blocked, ...), each calling for an action: suppress the recipient, retry,
-- or act on our side. Kept with the server's SMTP reply code and the host that replied.
ALTER TABLE inbound_messages ADD COLUMN bounce_reason VARCHAR(24);
ALTER TABLE inbound_messages ADD COLUMN reply_code VARCHAR(3);
ALTER TABLE inbound_messages ADD COLUMN remote_mta VARCHAR(255);

-- Messages a sync skipped because the same Message-ID was already stored for the mailbox
-- (a copy in another folder, a renumbered folder): counted and reported, never silent.
ALTER TABLE inbound_mailboxes ADD COLUMN duplicates_skipped BIGINT NOT NULL DEFAULT 0;
ALTER TABLE inbound_mailboxes ADD COLUMN last_duplicate VARCHAR(1000);
