-- Why a mailbox is paused, and by whom or what, so its page and every campaign using it can say so.
ALTER TABLE mailboxes
    ADD COLUMN paused_reason VARCHAR(1000),
    ADD COLUMN paused_by     VARCHAR(320),
    ADD COLUMN paused_at     TIMESTAMPTZ;

-- Per recipient of a campaign: when they first replied (a person, not an auto-reply) and when their
-- address bounced, for the campaigns list's reply rate (people) and bounce rate.
ALTER TABLE enrolments
    ADD COLUMN replied_at TIMESTAMPTZ,
    ADD COLUMN bounced_at TIMESTAMPTZ;
UPDATE enrolments SET replied_at = updated_at WHERE stop_reason = 'replied';
UPDATE enrolments SET bounced_at = updated_at WHERE stop_reason = 'bounced';
