-- CRM push-back (issue 20): what happens to a contact linked to a CRM record (a reply, a lead
-- label set or cleared, a hard bounce, an unsubscribe, a complaint) queued durably, then sent by
-- a worker that claims due rows with FOR UPDATE SKIP LOCKED (so several nodes share the queue).
-- action: note (an activity on the record's timeline) or properties (property changes, batched).
-- state: queued, sending (claimed until next_attempt_at), sent or failed (last_error says why).
-- dedupe_key: the event and the action, so an event delivered twice queues one push.
CREATE TABLE crm_push_queue (
    id              UUID PRIMARY KEY,
    workspace_id    UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    crm             VARCHAR(20)  NOT NULL,
    contact_id      UUID         NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    record_id       VARCHAR(40)  NOT NULL,
    kind            VARCHAR(20)  NOT NULL,
    action          VARCHAR(20)  NOT NULL,
    payload         JSONB        NOT NULL,
    dedupe_key      VARCHAR(200) NOT NULL,
    attempts        INT          NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ  NOT NULL,
    state           VARCHAR(20)  NOT NULL,
    last_error      TEXT,
    created_at      TIMESTAMPTZ  NOT NULL,
    sent_at         TIMESTAMPTZ,
    UNIQUE (workspace_id, crm, dedupe_key),
    -- Disconnecting forgets the pushes: a later token may belong to another HubSpot account.
    FOREIGN KEY (workspace_id, crm) REFERENCES crm_connections (workspace_id, crm) ON DELETE CASCADE
);
CREATE INDEX crm_push_queue_due ON crm_push_queue (next_attempt_at) WHERE state IN ('queued', 'sending');
CREATE INDEX crm_push_queue_workspace ON crm_push_queue (workspace_id, crm, created_at DESC);

-- What is pushed (the kinds ticked, the lead status property and its values per label, the
-- unsubscribe property): nothing until the user ticks it.
ALTER TABLE crm_connections ADD COLUMN push_settings JSONB NOT NULL DEFAULT '{}';
