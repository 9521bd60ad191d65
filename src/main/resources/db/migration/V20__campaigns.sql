-- Campaigns: a pool of mailboxes, a sequence of steps (each with 1 to 5 variants), a schedule
-- and stop conditions. Enrolments are the persisted state machine of contact x campaign.
CREATE TABLE campaigns (
    id                    UUID PRIMARY KEY,
    workspace_id          UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name                  VARCHAR(200) NOT NULL,
    status                VARCHAR(10)  NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'scheduled', 'running', 'paused', 'completed', 'archived')),
    time_zone             VARCHAR(64)  NOT NULL DEFAULT 'UTC',
    contact_time_zone     BOOLEAN      NOT NULL DEFAULT false,
    send_days             SMALLINT[]   NOT NULL DEFAULT '{1,2,3,4,5}',
    window_start          TIME         NOT NULL DEFAULT '09:00',
    window_end            TIME         NOT NULL DEFAULT '17:00',
    start_at              TIMESTAMPTZ,
    daily_limit           INTEGER CHECK (daily_limit IS NULL OR daily_limit > 0),
    domain_pace_per_hour  INTEGER      NOT NULL DEFAULT 20 CHECK (domain_pace_per_hour > 0),
    stop_on_reply         BOOLEAN      NOT NULL DEFAULT true,
    stop_on_click         BOOLEAN      NOT NULL DEFAULT false,
    stop_on_bounce        BOOLEAN      NOT NULL DEFAULT true,
    stop_on_unsubscribe   BOOLEAN      NOT NULL DEFAULT true,
    stop_on_complaint     BOOLEAN      NOT NULL DEFAULT true,
    stop_company_on_reply BOOLEAN      NOT NULL DEFAULT false,
    created_at            TIMESTAMPTZ  NOT NULL,
    launched_at           TIMESTAMPTZ,
    completed_at          TIMESTAMPTZ
);
CREATE INDEX campaigns_workspace ON campaigns (workspace_id, created_at DESC);
CREATE INDEX campaigns_active ON campaigns (status) WHERE status IN ('scheduled', 'running');

CREATE TABLE campaign_mailboxes (
    campaign_id  UUID NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    mailbox_id   UUID NOT NULL,
    workspace_id UUID NOT NULL,
    PRIMARY KEY (campaign_id, mailbox_id)
);

-- A step: sent delay_minutes after the previous one (step 0: at the start), in the same thread
-- as the previous step unless new_thread; variants is a JSON array of {subject, html, text}.
CREATE TABLE campaign_steps (
    campaign_id   UUID    NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    workspace_id  UUID    NOT NULL,
    position      INTEGER NOT NULL CHECK (position >= 0),
    delay_minutes INTEGER NOT NULL DEFAULT 0 CHECK (delay_minutes >= 0),
    new_thread    BOOLEAN NOT NULL DEFAULT false,
    variants      JSONB   NOT NULL,
    PRIMARY KEY (campaign_id, position)
);

CREATE TABLE enrolments (
    id              UUID PRIMARY KEY,
    workspace_id    UUID          NOT NULL,
    campaign_id     UUID          NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    contact_id      UUID          NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    state           VARCHAR(10)   NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'completed', 'stopped')),
    next_step       INTEGER       NOT NULL DEFAULT 0,
    next_send_at    TIMESTAMPTZ,
    mailbox_id      UUID,
    thread_ids      TEXT          NOT NULL DEFAULT '',
    thread_subject  VARCHAR(1000),
    stop_reason     VARCHAR(200),
    created_at      TIMESTAMPTZ   NOT NULL,
    updated_at      TIMESTAMPTZ   NOT NULL,
    UNIQUE (campaign_id, contact_id)
);
CREATE INDEX enrolments_due ON enrolments (campaign_id, next_send_at) WHERE state = 'active';
CREATE INDEX enrolments_contact ON enrolments (contact_id);
