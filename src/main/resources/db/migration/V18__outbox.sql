-- The outbox: one row per message to send. The scheduler (campaigns) writes it; the dispatcher
-- (delivery) claims due rows with SKIP LOCKED and a lease, sends, and records the outcome.
-- (enrolment_id, step) is unique: a step can never be queued, so never sent, twice.
CREATE TABLE outbox (
    id              UUID PRIMARY KEY,
    workspace_id    UUID          NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    campaign_id     UUID,
    enrolment_id    UUID,
    step            INTEGER       NOT NULL DEFAULT 0,
    variant         INTEGER       NOT NULL DEFAULT 0,
    mailbox_id      UUID          NOT NULL,
    contact_id      UUID,
    to_address      VARCHAR(320)  NOT NULL,
    to_domain       VARCHAR(255)  NOT NULL,
    to_name         VARCHAR(400)  NOT NULL DEFAULT '',
    subject         VARCHAR(1000) NOT NULL,
    html            TEXT          NOT NULL,
    text            TEXT          NOT NULL,
    message_id      VARCHAR(400)  NOT NULL,
    in_reply_to     VARCHAR(400),
    references_ids  TEXT,
    status          VARCHAR(8)    NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'sending', 'sent', 'deferred', 'failed', 'held', 'cancelled')),
    attempts        INTEGER       NOT NULL DEFAULT 0,
    not_before      TIMESTAMPTZ   NOT NULL,
    lease_until     TIMESTAMPTZ,
    smtp_reply      VARCHAR(1000),
    created_at      TIMESTAMPTZ   NOT NULL,
    sent_at         TIMESTAMPTZ,
    UNIQUE (enrolment_id, step)
);
-- Due rows for the dispatcher.
CREATE INDEX outbox_due ON outbox (not_before) WHERE status IN ('queued', 'deferred');
-- Pacing: what each mailbox has queued or sent recently (caps, gaps, per-domain pace).
CREATE INDEX outbox_mailbox_recent ON outbox (mailbox_id, not_before);
CREATE INDEX outbox_campaign ON outbox (campaign_id, created_at DESC);
CREATE UNIQUE INDEX outbox_message_id ON outbox (message_id);
