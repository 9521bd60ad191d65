-- Warmup pool (issue 15): the sender's lease on a message while it is being sent, and why a
-- sender got fewer new threads than planned on a day (shown on the warmup pages).

ALTER TABLE warmup_messages ADD COLUMN claimed_until TIMESTAMPTZ;

CREATE TABLE warmup_unplanned (
    mailbox_id UUID NOT NULL,
    day        DATE NOT NULL,
    -- Words a person reads, e.g. "No partner: only mailboxes on the same domain in its pool".
    reason     TEXT NOT NULL,
    PRIMARY KEY (mailbox_id, day)
);
