-- Alerts polish (issue 22).

-- A type rule may also name a severity: it then matches alerts of that type at that severity
-- only ("mailbox.failing at critical"), and for such alerts it replaces the rules of the type at
-- any severity. Null: any severity, as every rule before V96.
ALTER TABLE alert_routes
    ADD COLUMN match_severity VARCHAR(16)
        CHECK (match_severity IS NULL OR (match_kind = 'type' AND match_severity IN ('info', 'warning', 'critical')));

-- An email channel's notifications are one per address (channel_id and email both set), so a
-- retry re-sends only to the address that failed; rows queued before V96 name the channel only
-- (email null) and go to every address at once, as before. The settings page asks, per channel
-- and address, for the latest notification's outcome.
CREATE INDEX alert_notifications_channel_address ON alert_notifications (channel_id, email, created_at)
    WHERE channel_id IS NOT NULL AND email IS NOT NULL;
