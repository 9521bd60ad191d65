-- Sending providers' event webhooks (Postmark, Mailgun, Amazon SES through SNS).
-- Each workspace has one secret URL token, the HTTP Basic credentials Postmark is given
-- (generated here; the password encrypted with the master key) and Mailgun's webhook
-- signing key (given by the user, encrypted).
CREATE TABLE provider_webhooks (
    workspace_id        UUID         PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
    token               VARCHAR(64)  NOT NULL UNIQUE,
    postmark_username   VARCHAR(64)  NOT NULL,
    postmark_password   BYTEA        NOT NULL,
    mailgun_signing_key BYTEA,
    created_at          TIMESTAMPTZ  NOT NULL
);

-- Mailgun's signature tokens already seen: a replayed request is refused.
CREATE TABLE provider_webhook_nonces (
    provider     VARCHAR(16)  NOT NULL,
    nonce        VARCHAR(200) NOT NULL,
    workspace_id UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    seen_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (provider, nonce)
);

-- Every event a provider posted, with what became of it: handled, duplicate (already
-- said, by the provider again or by a DSN read over IMAP), unmatched (no message of
-- ours), ignored (nothing to do), or malformed (kept as received for inspection).
CREATE TABLE provider_events (
    id                  UUID          PRIMARY KEY,
    workspace_id        UUID          NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    provider            VARCHAR(16)   NOT NULL,
    event               VARCHAR(32)   NOT NULL DEFAULT '',
    event_key           VARCHAR(300),
    provider_message_id VARCHAR(300),
    outbox_id           UUID,
    outcome             VARCHAR(16)   NOT NULL
        CHECK (outcome IN ('handled', 'duplicate', 'unmatched', 'ignored', 'malformed')),
    detail              VARCHAR(1000) NOT NULL DEFAULT '',
    body                TEXT          NOT NULL,
    received_at         TIMESTAMPTZ   NOT NULL
);
CREATE UNIQUE INDEX provider_events_once ON provider_events (workspace_id, provider, event_key)
    WHERE event_key IS NOT NULL;
CREATE INDEX provider_events_recent ON provider_events (workspace_id, received_at DESC);
-- A bounce a provider reported, for "one bounce per message" against DSNs read later.
CREATE INDEX inbound_messages_provider_bounce ON inbound_messages (outbox_id)
    WHERE kind = 'bounce' AND folder LIKE 'provider:%';
