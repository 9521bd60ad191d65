-- Why a mailbox is paused, and by whom or what, so its page and every campaign using it can say so.
ALTER TABLE mailboxes
    ADD COLUMN paused_reason VARCHAR(1000),
    ADD COLUMN paused_by     VARCHAR(320),
    ADD COLUMN paused_at     TIMESTAMPTZ;
