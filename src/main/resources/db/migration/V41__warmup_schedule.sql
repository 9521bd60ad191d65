-- Warmup schedule (issue 15, helper "schedule"): when warmup was last turned off (turned on
-- again more than 7 days later, the ramp restarts), and every change the closed loop made
-- to a mailbox's ramp, with why, for the days view.

ALTER TABLE warmup_mailboxes ADD COLUMN disabled_on DATE;

CREATE TABLE warmup_ramp_changes (
    id           UUID PRIMARY KEY,
    workspace_id UUID        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    mailbox_id   UUID        NOT NULL,
    -- The mailbox's day the change applies from (its own time zone).
    day          DATE        NOT NULL,
    from_percent INTEGER     NOT NULL,
    to_percent   INTEGER     NOT NULL,
    -- In words a person reads: "Stepped back to 75 %: 4 of 10 in spam", "Resumed".
    reason       TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL
);

CREATE INDEX warmup_ramp_changes_mailbox_day ON warmup_ramp_changes (mailbox_id, day);
