-- outbox (V18) partitioned by month of created_at, as tracking_events (V88) and inbound_messages
-- (V89): its history grows with every message sent, and retention (penguinmails.retention.outbox)
-- drops whole months, never row by row. created_at is set once, when the row is queued, and never
-- changes, so a row stays in its partition for life.
--
-- Its two "never send twice" guarantees cannot stay unique indexes of a partitioned table (those
-- must hold the partition key). They move to a small unpartitioned table of keys, one row per
-- queued message, inserted by the same statement that queues it (OutboxRepository.insertAll):
--   UNIQUE (enrolment_id, step): a step of an enrolment is queued, so sent, at most once
--                                (the statement's ON CONFLICT target: a repeat queues nothing);
--   UNIQUE (message_id):         every message has its own Message-ID (RFC 5322 §3.6.4).
-- Keys outlive the retention of their rows (a step of a month already dropped is still never
-- queued again) and go with the workspace. Lookups keep plain indexes on the outbox's partitions.
CREATE TABLE outbox_keys (
    -- The outbox.id of the message (also keeps ids unique across partitions).
    id           UUID         PRIMARY KEY,
    workspace_id UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    enrolment_id UUID,
    step         INTEGER      NOT NULL,
    message_id   VARCHAR(400) NOT NULL,
    UNIQUE (enrolment_id, step)
);
CREATE UNIQUE INDEX outbox_keys_message_id ON outbox_keys (message_id);
INSERT INTO outbox_keys (id, workspace_id, enrolment_id, step, message_id)
    SELECT id, workspace_id, enrolment_id, step, message_id FROM outbox;

-- Every other index is copied from the catalogue (unique ones become plain indexes: their
-- guarantee is outbox_keys'); the primary key becomes (id, created_at). Nothing references the
-- outbox: tracking_events, inbound_messages, campaign_engagements, analytics_events and the
-- others hold its id as a plain column.
CREATE TEMPORARY TABLE v94_indexes ON COMMIT DROP AS
    SELECT indexrelid::regclass::text AS name,
        regexp_replace(pg_get_indexdef(indexrelid), '^CREATE UNIQUE INDEX', 'CREATE INDEX') AS def
    FROM pg_index WHERE indrelid = 'outbox'::regclass AND NOT indisprimary
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = indexrelid);
CREATE TEMPORARY TABLE v94_foreign_keys ON COMMIT DROP AS
    SELECT conname AS name, pg_get_constraintdef(oid) AS def
    FROM pg_constraint WHERE conrelid = 'outbox'::regclass AND contype = 'f';

ALTER TABLE outbox RENAME TO outbox_unpartitioned;
ALTER TABLE outbox_unpartitioned DROP CONSTRAINT outbox_pkey;
ALTER TABLE outbox_unpartitioned DROP CONSTRAINT outbox_enrolment_id_step_key;
DO $$
DECLARE
    name TEXT;
BEGIN
    FOR name IN SELECT f.name FROM v94_foreign_keys f LOOP
        EXECUTE format('ALTER TABLE outbox_unpartitioned DROP CONSTRAINT %I', name);
    END LOOP;
    FOR name IN SELECT i.name FROM v94_indexes i LOOP
        EXECUTE format('DROP INDEX %s', name);
    END LOOP;
END
$$;

CREATE TABLE outbox (LIKE outbox_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS)
    PARTITION BY RANGE (created_at);
ALTER TABLE outbox ADD CONSTRAINT outbox_pkey PRIMARY KEY (id, created_at);
-- Lookups of a step of an enrolment (the scheduler's "was it queued before?").
CREATE INDEX outbox_enrolment_step ON outbox (enrolment_id, step);
CREATE TABLE outbox_default PARTITION OF outbox DEFAULT;
DO $$
DECLARE
    foreign_key RECORD;
    definition  TEXT;
    month       DATE;
BEGIN
    FOR foreign_key IN SELECT name, def FROM v94_foreign_keys LOOP
        EXECUTE format('ALTER TABLE outbox ADD CONSTRAINT %I %s', foreign_key.name, foreign_key.def);
    END LOOP;
    FOR definition IN SELECT def FROM v94_indexes ORDER BY name LOOP
        EXECUTE definition;
    END LOOP;
    FOR month IN
        SELECT DISTINCT date_trunc('month', created_at AT TIME ZONE 'UTC')::date FROM outbox_unpartitioned
        UNION
        SELECT generate_series(date_trunc('month', now() AT TIME ZONE 'UTC'),
            date_trunc('month', now() AT TIME ZONE 'UTC') + INTERVAL '3 months', INTERVAL '1 month')::date
    LOOP
        PERFORM time_partition_create('outbox', 'created_at', month);
    END LOOP;
END
$$;

INSERT INTO outbox SELECT * FROM outbox_unpartitioned;
DROP TABLE outbox_unpartitioned;
ANALYZE outbox;
