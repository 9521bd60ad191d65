-- Warmup (issue 15): per-mailbox schedules, the workspace's pool choices, and every warmup
-- message sent between pool mailboxes with where the receiving mailbox found it.
-- No foreign key to mailboxes (features own their tables): warmup skips rows whose
-- mailbox no longer exists and deletes them.

CREATE TABLE warmup_workspaces (
    workspace_id           UUID PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
    -- Opted into the installation-wide pool shared with other opted-in workspaces.
    shared_pool            BOOLEAN NOT NULL DEFAULT false,
    -- New mailboxes start warming with default_preset when connected.
    enable_new_mailboxes   BOOLEAN NOT NULL DEFAULT false,
    default_preset         TEXT    NOT NULL DEFAULT 'standard',
    -- Closed loop: a mailbox steps back when its spam placement (7 days) is above this.
    spam_threshold_percent INTEGER NOT NULL DEFAULT 20
);

CREATE TABLE warmup_mailboxes (
    mailbox_id                UUID PRIMARY KEY,
    workspace_id              UUID    NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    enabled                   BOOLEAN NOT NULL DEFAULT false,
    preset                    TEXT    NOT NULL DEFAULT 'standard',
    start_per_day             INTEGER NOT NULL,
    increase_per_day          INTEGER NOT NULL,
    max_per_day               INTEGER NOT NULL,
    reply_rate_percent        INTEGER NOT NULL,
    weekdays_only             BOOLEAN NOT NULL DEFAULT false,
    random_times              BOOLEAN NOT NULL DEFAULT true,
    window_start              TIME    NOT NULL DEFAULT '08:00',
    window_end                TIME    NOT NULL DEFAULT '18:00',
    time_zone                 TEXT    NOT NULL DEFAULT 'UTC',
    -- Day 1 of the ramp (set when warmup is turned on; null while never on).
    started_on                DATE,
    -- Closed loop: 100 normally; lowered by each step back, raised again on recovery.
    ramp_percent              INTEGER NOT NULL DEFAULT 100,
    -- Set while the schedule holds after a step back (no increase until recovery).
    holding_since             DATE,
    -- Graduation: warmup volume once campaigns send from the mailbox.
    maintenance_per_day       INTEGER NOT NULL DEFAULT 10,
    -- Graduation: campaign volume ramps from start by increase a day up to the daily cap.
    campaign_start_per_day    INTEGER NOT NULL DEFAULT 10,
    campaign_increase_per_day INTEGER NOT NULL DEFAULT 2,
    campaigns_started_on      DATE,
    -- The latest health score (0-100), null until measured.
    health_score              INTEGER,
    health_measured_at        TIMESTAMPTZ,
    updated_at                TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX warmup_mailboxes_workspace ON warmup_mailboxes (workspace_id);
CREATE INDEX warmup_mailboxes_enabled ON warmup_mailboxes (mailbox_id) WHERE enabled;

CREATE TABLE warmup_messages (
    id                     UUID PRIMARY KEY,
    -- The recognition token (in the body and a header): survives header stripping.
    token                  TEXT        NOT NULL UNIQUE,
    -- As sent, with its angle brackets.
    message_id             TEXT        NOT NULL UNIQUE,
    thread_id              UUID        NOT NULL,
    -- 'initial' (opens a thread) or 'reply' (continues one).
    kind                   TEXT        NOT NULL,
    in_reply_to            TEXT,
    references_ids         TEXT,
    sender_workspace_id    UUID        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    sender_mailbox_id      UUID        NOT NULL,
    recipient_workspace_id UUID        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    recipient_mailbox_id   UUID        NOT NULL,
    subject                TEXT        NOT NULL,
    body                   TEXT        NOT NULL,
    -- The sender's warmup day this message counts for (its own time zone).
    day                    DATE        NOT NULL,
    due_at                 TIMESTAMPTZ NOT NULL,
    sent_at                TIMESTAMPTZ,
    failed_at              TIMESTAMPTZ,
    error                  TEXT,
    -- Where the receiving mailbox found it: pending, inbox, spam, other, missing.
    placement              TEXT        NOT NULL DEFAULT 'pending',
    found_folder           TEXT,
    found_at               TIMESTAMPTZ,
    -- Moved out of spam into the inbox.
    rescued                BOOLEAN     NOT NULL DEFAULT false,
    -- Filed into the receiving mailbox's "Warmup" folder.
    filed                  BOOLEAN     NOT NULL DEFAULT false,
    -- The receiver chose to answer it (a 'reply' row was queued).
    replied                BOOLEAN     NOT NULL DEFAULT false
);

CREATE INDEX warmup_messages_due ON warmup_messages (due_at) WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX warmup_messages_sender_day ON warmup_messages (sender_mailbox_id, day);
CREATE INDEX warmup_messages_recipient_pending ON warmup_messages (recipient_mailbox_id, sent_at)
    WHERE placement = 'pending' AND sent_at IS NOT NULL;
CREATE INDEX warmup_messages_thread ON warmup_messages (thread_id);
