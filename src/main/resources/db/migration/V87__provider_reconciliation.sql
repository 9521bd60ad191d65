-- Reconciling the sending providers' own records with their webhooks (issue 20): for each
-- provider account of a workspace (a Postmark server or a Mailgun domain, keyed by a
-- fingerprint of its credentials, never the credentials), how far its event list has been
-- read, when to read it next, a lease so that one node reads it at a time, and what the last
-- read that worked found: events read, and missed ones (events the webhooks had not delivered,
-- now handled like a webhook's). A failed read keeps all that and sets last_error and failed_at.
CREATE TABLE provider_reconciliations (
    workspace_id UUID          NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    account_key  VARCHAR(100)  NOT NULL,
    provider     VARCHAR(16)   NOT NULL,
    label        VARCHAR(400)  NOT NULL,
    read_until   TIMESTAMPTZ,
    next_run_at  TIMESTAMPTZ   NOT NULL,
    leased_until TIMESTAMPTZ,
    last_run_at  TIMESTAMPTZ,
    last_error   VARCHAR(1000),
    failed_at    TIMESTAMPTZ,
    events_read  INT           NOT NULL DEFAULT 0,
    missed       INT           NOT NULL DEFAULT 0,
    missed_total BIGINT        NOT NULL DEFAULT 0,
    PRIMARY KEY (workspace_id, account_key)
);
CREATE INDEX provider_reconciliations_due ON provider_reconciliations (next_run_at);
