-- Inbound mail: each mailbox's folders synced incrementally by UIDVALIDITY/UID (RFC 3501
-- §2.3.1.1), every message read stored with what it is (reply, auto-reply, bounce,
-- complaint, unsubscribe, other) and what it was matched to, for the unified inbox.

-- When each mailbox is next synced; nodes claim due rows with SKIP LOCKED and a lease.
CREATE TABLE inbound_mailboxes (
    mailbox_id     UUID PRIMARY KEY,
    workspace_id   UUID          NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    next_sync_at   TIMESTAMPTZ   NOT NULL,
    lease_until    TIMESTAMPTZ,
    last_synced_at TIMESTAMPTZ,
    last_error     VARCHAR(1000),
    failures       INTEGER       NOT NULL DEFAULT 0
);
CREATE INDEX inbound_mailboxes_due ON inbound_mailboxes (next_sync_at);

-- How far each folder has been read. A new UIDVALIDITY means the UIDs were renumbered:
-- the folder is read again from the start (stored messages are not stored twice).
CREATE TABLE inbound_folders (
    mailbox_id   UUID          NOT NULL,
    folder       VARCHAR(500)  NOT NULL,
    workspace_id UUID          NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    uidvalidity  BIGINT        NOT NULL,
    last_uid     BIGINT        NOT NULL,
    synced_at    TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (mailbox_id, folder)
);

-- A conversation of the unified inbox, with its lead status label.
CREATE TABLE inbound_threads (
    id           UUID PRIMARY KEY,
    workspace_id UUID          NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    label        VARCHAR(24)
        CHECK (label IN ('interested', 'meeting_booked', 'not_interested', 'wrong_person', 'out_of_office')),
    updated_at   TIMESTAMPTZ   NOT NULL
);

CREATE TABLE inbound_messages (
    id             UUID PRIMARY KEY,
    workspace_id   UUID          NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    mailbox_id     UUID          NOT NULL,
    -- 'in' read from the mailbox; 'out' a reply written in the unified inbox.
    direction      VARCHAR(3)    NOT NULL DEFAULT 'in' CHECK (direction IN ('in', 'out')),
    folder         VARCHAR(500),
    uidvalidity    BIGINT,
    uid            BIGINT,
    message_id     VARCHAR(998),
    in_reply_to    VARCHAR(998),
    references_ids TEXT,
    from_address   VARCHAR(320)  NOT NULL DEFAULT '',
    from_name      VARCHAR(400)  NOT NULL DEFAULT '',
    to_addresses   TEXT          NOT NULL DEFAULT '',
    subject        VARCHAR(1000) NOT NULL DEFAULT '',
    sent_at        TIMESTAMPTZ,
    received_at    TIMESTAMPTZ   NOT NULL,
    size_bytes     BIGINT        NOT NULL DEFAULT 0,
    kind           VARCHAR(16)   NOT NULL
        CHECK (kind IN ('reply', 'auto_reply', 'bounce', 'complaint', 'unsubscribe', 'other')),
    -- hard, soft, block or unknown, for bounces.
    bounce_type    VARCHAR(8),
    bounce_status  VARCHAR(16),
    bounced_address VARCHAR(320),
    diagnostic     VARCHAR(1000),
    -- malformed, too_large, bad_encoding: kept, flagged, never stopping the sync.
    flags          VARCHAR(100)  NOT NULL DEFAULT '',
    problems       VARCHAR(2000) NOT NULL DEFAULT '',
    text_body      TEXT          NOT NULL DEFAULT '',
    html_body      TEXT          NOT NULL DEFAULT '',
    -- The message as received (null when over the size limit: only its headers are read).
    raw            BYTEA,
    outbox_id      UUID,
    -- The mailbox that sent the matched message (a feedback loop may report to another).
    sent_by        UUID,
    campaign_id    UUID,
    enrolment_id   UUID,
    contact_id     UUID,
    -- One conversation: the enrolment's when matched, else the message's own id.
    thread_id      UUID          NOT NULL,
    unread         BOOLEAN       NOT NULL DEFAULT true,
    created_at     TIMESTAMPTZ   NOT NULL
);
CREATE UNIQUE INDEX inbound_messages_uid ON inbound_messages (mailbox_id, folder, uidvalidity, uid);
-- A renumbered folder (new UIDVALIDITY) or a message in both INBOX and spam is kept once.
CREATE UNIQUE INDEX inbound_messages_message_id ON inbound_messages (mailbox_id, message_id)
    WHERE direction = 'in' AND message_id IS NOT NULL;
-- Threading: what a message answers (our inbox replies included).
CREATE INDEX inbound_messages_answers ON inbound_messages (workspace_id, message_id);
CREATE INDEX inbound_messages_inbox ON inbound_messages (workspace_id, received_at DESC);
CREATE INDEX inbound_messages_thread ON inbound_messages (thread_id, received_at);
CREATE INDEX inbound_messages_sent_by ON inbound_messages (sent_by, received_at) WHERE kind = 'complaint';
CREATE INDEX inbound_messages_campaign ON inbound_messages (campaign_id, kind);
CREATE INDEX inbound_messages_sender ON inbound_messages (workspace_id, lower(from_address), kind);
CREATE INDEX inbound_messages_bounced ON inbound_messages (workspace_id, lower(bounced_address), bounce_type)
    WHERE kind = 'bounce';

-- Three soft bounces of one address put it on the suppression list too.
ALTER TABLE suppressions DROP CONSTRAINT suppressions_reason_check;
ALTER TABLE suppressions ADD CONSTRAINT suppressions_reason_check
    CHECK (reason IN ('unsubscribed', 'hard_bounce', 'soft_bounces', 'complaint', 'manual', 'erased'));
