-- Delivery: what the dispatcher records about each send, the per-workspace "pause all
-- sending" switch, and each mailbox's run of failed SMTP connections.
-- 'cancelled' (in V18's check) has 9 letters: make room for it.
ALTER TABLE outbox ALTER COLUMN status TYPE VARCHAR(16);
ALTER TABLE outbox ADD COLUMN queue_id VARCHAR(200);
-- Why a 5xx failed: hard_bounce, mailbox_full, policy, message, other; retries_exhausted
-- after the last 4xx; suppressed or mailbox_removed when it was never sent.
ALTER TABLE outbox ADD COLUMN failure VARCHAR(32);
-- The d= domain of the DKIM signature, or null when sent unsigned (then note says why).
ALTER TABLE outbox ADD COLUMN dkim_domain VARCHAR(253);
ALTER TABLE outbox ADD COLUMN note VARCHAR(300);
-- Set when the dispatcher holds the row (mailbox_error): released when the mailbox works again.
ALTER TABLE outbox ADD COLUMN held_reason VARCHAR(32);
ALTER TABLE outbox ADD COLUMN last_attempt_at TIMESTAMPTZ;
-- Claims whose node died: their lease runs out and another node takes them.
CREATE INDEX outbox_sending_lease ON outbox (lease_until) WHERE status = 'sending';
CREATE INDEX outbox_held ON outbox (mailbox_id) WHERE status = 'held';

-- A workspace in this table sends nothing: the dispatcher's claim skips its rows.
CREATE TABLE sending_pauses (
    workspace_id UUID PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
    paused_at    TIMESTAMPTZ NOT NULL,
    paused_by    UUID
);

-- Connection or login failures in a row per mailbox; the third puts the mailbox in error.
CREATE TABLE delivery_mailbox_failures (
    mailbox_id   UUID PRIMARY KEY,
    workspace_id UUID          NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    failures     INTEGER       NOT NULL,
    last_error   VARCHAR(1000) NOT NULL,
    updated_at   TIMESTAMPTZ   NOT NULL
);
