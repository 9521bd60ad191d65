-- inbound_messages (V23) partitioned by month of received_at, as tracking_events in V88.
--
-- Its two dedupe guarantees cannot stay unique indexes of a partitioned table (those must hold
-- the partition key, and received_at is not proven stable: a provider's webhook or a server
-- without INTERNALDATE gives the time we read it, which differs on a re-read). They move to a
-- small unpartitioned table of keys, one row per stored message, inserted by the same statement
-- that stores the message (InboundStore.insert): a key that conflicts stores nothing.
--   inbound_messages_uid:        one message per (mailbox, folder, UIDVALIDITY, UID), RFC 3501 §2.3.1.1
--   inbound_messages_message_id: one incoming message per (mailbox, Message-ID): a renumbered
--                                folder or a copy in another folder is kept once
-- Keys outlive the retention of the messages (a re-read of a dropped month stores nothing) and go
-- with the message when a person's data is erased, or with the workspace.
CREATE TABLE inbound_message_keys (
    -- The inbound_messages.id of the message (also keeps ids unique across partitions).
    id           UUID         PRIMARY KEY,
    workspace_id UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    mailbox_id   UUID         NOT NULL,
    folder       VARCHAR(500),
    uidvalidity  BIGINT,
    uid          BIGINT,
    -- Only for incoming messages ('in'), as the index it replaces.
    message_id   VARCHAR(998)
);
CREATE UNIQUE INDEX inbound_message_keys_uid ON inbound_message_keys (mailbox_id, folder, uidvalidity, uid);
CREATE UNIQUE INDEX inbound_message_keys_message_id ON inbound_message_keys (mailbox_id, message_id)
    WHERE message_id IS NOT NULL;
INSERT INTO inbound_message_keys (id, workspace_id, mailbox_id, folder, uidvalidity, uid, message_id)
    SELECT id, workspace_id, mailbox_id, folder, uidvalidity, uid, CASE WHEN direction = 'in' THEN message_id END
    FROM inbound_messages;

-- Every other index is copied from the catalogue; the primary key becomes (id, received_at).
-- Nothing references inbound_messages (inbound_threads.latest_in_id is a plain column).
CREATE TEMPORARY TABLE v89_indexes ON COMMIT DROP AS
    SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS def, indisunique AS dedupe
    FROM pg_index WHERE indrelid = 'inbound_messages'::regclass AND NOT indisprimary;

ALTER TABLE inbound_messages RENAME TO inbound_messages_unpartitioned;
ALTER TABLE inbound_messages_unpartitioned DROP CONSTRAINT inbound_messages_pkey;
ALTER TABLE inbound_messages_unpartitioned DROP CONSTRAINT inbound_messages_workspace_id_fkey;
DO $$
DECLARE
    index_name TEXT;
BEGIN
    FOR index_name IN SELECT name FROM v89_indexes LOOP
        EXECUTE format('DROP INDEX %s', index_name);
    END LOOP;
END
$$;

CREATE TABLE inbound_messages (LIKE inbound_messages_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS)
    PARTITION BY RANGE (received_at);
ALTER TABLE inbound_messages ADD CONSTRAINT inbound_messages_pkey PRIMARY KEY (id, received_at);
ALTER TABLE inbound_messages ADD CONSTRAINT inbound_messages_workspace_id_fkey
    FOREIGN KEY (workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE;
CREATE TABLE inbound_messages_default PARTITION OF inbound_messages DEFAULT;
DO $$
DECLARE
    definition TEXT;
    month      DATE;
BEGIN
    FOR definition IN SELECT def FROM v89_indexes WHERE NOT dedupe ORDER BY name LOOP
        EXECUTE definition;
    END LOOP;
    FOR month IN
        SELECT DISTINCT date_trunc('month', received_at AT TIME ZONE 'UTC')::date FROM inbound_messages_unpartitioned
        UNION
        SELECT generate_series(date_trunc('month', now() AT TIME ZONE 'UTC'),
            date_trunc('month', now() AT TIME ZONE 'UTC') + INTERVAL '3 months', INTERVAL '1 month')::date
    LOOP
        PERFORM time_partition_create('inbound_messages', 'received_at', month);
    END LOOP;
END
$$;

INSERT INTO inbound_messages SELECT * FROM inbound_messages_unpartitioned;
DROP TABLE inbound_messages_unpartitioned;
ANALYZE inbound_messages;

-- Outbox history (issue 21): the outbox stays one table (it is the live queue; UNIQUE (enrolment_id,
-- step) and the unique message_id are global "never send twice" guarantees). What grows with it is
-- the bodies: a sent, failed or cancelled message past penguinmails.retention.outbox-bodies loses its
-- HTML and text (delivery.internal.OutboxBodyRetention, in batches); the row, its Message-ID (reply
-- matching), recipient, subject and outcome stay. The partial index lists the rows still holding
-- bodies, oldest first, and shrinks as they go.
ALTER TABLE outbox ADD COLUMN bodies_dropped_at TIMESTAMPTZ;
CREATE INDEX outbox_bodies_kept ON outbox ((coalesce(sent_at, created_at)))
    WHERE status IN ('sent', 'failed', 'cancelled') AND bodies_dropped_at IS NULL;
