-- System status (issue 22): every node's heartbeat and 90 days of hourly resource figures.

-- One row per running process (a node): upserted every 30 s; unseen for 2 minutes it is down,
-- unseen for 7 days the row is pruned. runs: the loops enabled on it (scheduler, dispatcher, ...).
CREATE TABLE system_nodes (
    id           UUID PRIMARY KEY,
    hostname     VARCHAR(253)  NOT NULL,
    pid          BIGINT        NOT NULL,
    version      VARCHAR(100)  NOT NULL,
    started_at   TIMESTAMPTZ   NOT NULL,
    last_seen_at TIMESTAMPTZ   NOT NULL,
    runs         TEXT[]        NOT NULL DEFAULT '{}'
);
CREATE INDEX system_nodes_seen ON system_nodes (last_seen_at);

-- One row per node and UTC hour, from a sample a minute kept in memory and upserted at most every
-- 10 minutes and when the hour ends. No foreign key to system_nodes: history outlives a pruned node.
-- cpu: the process's CPU load averaged over the hour's samples (0-1 of all cores); bytes otherwise.
-- db_bytes, sends and queue_depth are installation-wide (each node writes the same figures).
CREATE TABLE system_metrics (
    node_id        UUID          NOT NULL,
    hour           TIMESTAMPTZ   NOT NULL,
    samples        INTEGER       NOT NULL,
    cpu            DOUBLE PRECISION,
    heap_used      BIGINT        NOT NULL,
    heap_max       BIGINT        NOT NULL,
    disk_free      BIGINT        NOT NULL,
    disk_total     BIGINT        NOT NULL,
    db_bytes       BIGINT        NOT NULL,
    sends          BIGINT        NOT NULL,
    queue_depth    BIGINT        NOT NULL,
    PRIMARY KEY (node_id, hour)
);
CREATE INDEX system_metrics_hour ON system_metrics (hour);
