-- Issue 16, the two-pane inbox: one row per conversation says what the list shows, so a
-- page of 100k conversations is an index range read, not a DISTINCT ON over every message.
-- Kept by InboundStore.insert (a new incoming message) and InboxRepository (read state).
ALTER TABLE inbound_threads ADD COLUMN latest_in_id UUID;
ALTER TABLE inbound_threads ADD COLUMN latest_in_at TIMESTAMPTZ;
ALTER TABLE inbound_threads ADD COLUMN mailbox_id UUID;
ALTER TABLE inbound_threads ADD COLUMN campaign_id UUID;
-- Whether any incoming message is a reply or an auto-reply (the default "Replies" view).
ALTER TABLE inbound_threads ADD COLUMN has_reply BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE inbound_threads ADD COLUMN has_unread BOOLEAN NOT NULL DEFAULT false;
-- "Done": out of the default view until marked not done or a new message comes in.
ALTER TABLE inbound_threads ADD COLUMN archived_at TIMESTAMPTZ;

-- A reply written in the inbox and sent later: when it is due (the outbox row's not_before).
ALTER TABLE inbound_messages ADD COLUMN scheduled_for TIMESTAMPTZ;

UPDATE inbound_threads t SET latest_in_id = l.id, latest_in_at = l.received_at, mailbox_id = l.mailbox_id,
    campaign_id = l.campaign_id,
    has_reply = EXISTS (SELECT 1 FROM inbound_messages r WHERE r.thread_id = t.id AND r.direction = 'in'
        AND r.kind IN ('reply', 'auto_reply')),
    has_unread = EXISTS (SELECT 1 FROM inbound_messages r WHERE r.thread_id = t.id AND r.direction = 'in' AND r.unread)
FROM (SELECT DISTINCT ON (thread_id) thread_id, id, received_at, mailbox_id, campaign_id FROM inbound_messages
      WHERE direction = 'in' ORDER BY thread_id, received_at DESC, id DESC) l
WHERE l.thread_id = t.id;

-- The list, latest first, per view: keyset pages ((latest_in_at, latest_in_id) < cursor).
CREATE INDEX inbound_threads_open ON inbound_threads (workspace_id, latest_in_at DESC, latest_in_id DESC)
    WHERE archived_at IS NULL;
CREATE INDEX inbound_threads_done ON inbound_threads (workspace_id, latest_in_at DESC, latest_in_id DESC)
    WHERE archived_at IS NOT NULL;
CREATE INDEX inbound_threads_unread ON inbound_threads (workspace_id, latest_in_at DESC, latest_in_id DESC)
    WHERE has_unread;
CREATE INDEX inbound_threads_label ON inbound_threads (workspace_id, label, latest_in_at DESC, latest_in_id DESC);
CREATE INDEX inbound_threads_campaign ON inbound_threads (workspace_id, campaign_id, latest_in_at DESC);
CREATE INDEX inbound_threads_mailbox ON inbound_threads (workspace_id, mailbox_id, latest_in_at DESC);

-- Search (q) over sender address and name, subject and body: trigram indexes answer
-- ILIKE '%words%'. V43 creates the extension too; the order of merges is not known.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX inbound_messages_search ON inbound_messages
    USING gin ((from_address || ' ' || from_name || ' ' || subject || ' ' || text_body) gin_trgm_ops);
-- The messages of a conversation by workspace (counts, unread, the pane).
CREATE INDEX inbound_messages_thread_ws ON inbound_messages (workspace_id, thread_id, received_at);
