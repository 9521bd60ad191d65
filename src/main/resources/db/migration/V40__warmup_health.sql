-- Warmup health (issue 15): a mailbox's score per day, and placement tests (a campaign
-- step sent to seed mailboxes, and where each copy was found). No foreign key to
-- mailboxes or campaigns (features own their tables).

CREATE TABLE warmup_health (
    mailbox_id     UUID             NOT NULL,
    workspace_id   UUID             NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    day            DATE             NOT NULL,
    -- 0-100 (see warmup.HealthScore).
    score          INTEGER          NOT NULL,
    -- The mailbox's sent warmup mail of the 7 days ending on day, by where it was found.
    inbox          INTEGER          NOT NULL,
    spam           INTEGER          NOT NULL,
    other          INTEGER          NOT NULL,
    missing        INTEGER          NOT NULL,
    -- Of its campaign mail over the same 7 days, as fractions (0.02 = 2 %).
    bounce_rate    DOUBLE PRECISION NOT NULL,
    complaint_rate DOUBLE PRECISION NOT NULL,
    -- 0-15: 5 each for SPF, DKIM and DMARC.
    dns_points     INTEGER          NOT NULL,
    -- What lost DNS points, in words ("SPF, DMARC"); empty when none.
    dns_missing    TEXT             NOT NULL DEFAULT '',
    measured_at    TIMESTAMPTZ      NOT NULL,
    PRIMARY KEY (mailbox_id, day)
);

CREATE INDEX warmup_health_workspace ON warmup_health (workspace_id, mailbox_id, day);

CREATE TABLE placement_tests (
    id           UUID        PRIMARY KEY,
    workspace_id UUID        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    campaign_id  UUID        NOT NULL,
    -- 1-based, as people count them.
    step         INTEGER     NOT NULL,
    -- 1-based; null for the step's first variant.
    variant      INTEGER,
    mailbox_id   UUID        NOT NULL,
    subject      TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL
);

CREATE INDEX placement_tests_workspace ON placement_tests (workspace_id, created_at DESC, id DESC);

-- One row per seed address: the copy sent to it and where it was found.
CREATE TABLE placement_results (
    test_id         UUID        NOT NULL REFERENCES placement_tests (id) ON DELETE CASCADE,
    address         TEXT        NOT NULL,
    -- The mailbox PenguinMails reads it through (a pool or workspace mailbox), or null
    -- when the address is not one it can read ("sent, not checkable").
    seed_mailbox_id UUID,
    seed_workspace_id UUID,
    -- The IMAP host's registered domain (imap.gmail.com -> gmail.com), or the address's
    -- domain when not checkable.
    provider        TEXT        NOT NULL,
    message_id      TEXT        NOT NULL UNIQUE,
    sent_at         TIMESTAMPTZ,
    error           TEXT,
    -- pending, inbox, spam, other, missing (warmup.Placement).
    placement       TEXT        NOT NULL DEFAULT 'pending',
    found_folder    TEXT,
    found_at        TIMESTAMPTZ,
    checked_at      TIMESTAMPTZ,
    PRIMARY KEY (test_id, address)
);
