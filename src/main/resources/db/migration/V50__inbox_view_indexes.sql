-- Issue 16, the inbox at 100k conversations: partial indexes whose conditions are the
-- default view's ("Replies", not done), so a view's page and the navigation's unread count
-- read only the index entries they need, in the list's order, with no rows to filter out.

-- Unread in the default view: the list's "Unread" filter (latest first) and the unread
-- count every page shows (an index-only count).
CREATE INDEX inbound_threads_open_unread ON inbound_threads (workspace_id, latest_in_at DESC, latest_in_id DESC)
    WHERE has_unread AND has_reply AND archived_at IS NULL;

-- One campaign in the default view, latest first with the id as the keyset's tie-break.
CREATE INDEX inbound_threads_open_campaign
    ON inbound_threads (workspace_id, campaign_id, latest_in_at DESC, latest_in_id DESC)
    WHERE has_reply AND archived_at IS NULL;
