-- Time-partitioned tables (issue 21): the high-volume event tables are split into one partition
-- per calendar month (UTC) of their time column, so that retention drops whole months (DETACH +
-- DROP, no row deletes, no bloat) and a query bounded in time reads only its months. A DEFAULT
-- partition takes any row no month covers yet, so an insert never fails; the upkeep job
-- (shared.internal.PartitionUpkeep) creates months ahead and moves such rows into their month.

-- Creates the partition of one month of `parent` (partitioned by range of the timestamptz
-- `key_column`), named <parent>_yYYYYmMM and covering [first of the month, first of the next)
-- at 00:00 UTC, unless it exists. Rows of that month already in <parent>_default move into it
-- (a new partition may not cover rows the DEFAULT partition holds). True when it created one.
CREATE FUNCTION time_partition_create(parent TEXT, key_column TEXT, month DATE) RETURNS BOOLEAN
LANGUAGE plpgsql AS $$
DECLARE
    first_day DATE        := date_trunc('month', month)::date;
    name      TEXT        := format('%s_y%sm%s', parent, to_char(first_day, 'YYYY'), to_char(first_day, 'MM'));
    deflt     TEXT        := parent || '_default';
    -- Bounds in UTC whatever the session's TimeZone (timestamp AT TIME ZONE gives timestamptz).
    lower_at  TIMESTAMPTZ := first_day::timestamp AT TIME ZONE 'UTC';
    upper_at  TIMESTAMPTZ := (first_day + INTERVAL '1 month')::timestamp AT TIME ZONE 'UTC';
    stray     BOOLEAN;
BEGIN
    IF to_regclass(name) IS NOT NULL THEN
        RETURN false;
    END IF;
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE %I >= $1 AND %I < $2)', deflt, key_column, key_column)
        INTO stray USING lower_at, upper_at;
    IF NOT stray THEN
        EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
            name, parent, lower_at, upper_at);
        RETURN true;
    END IF;
    -- The DEFAULT partition holds rows of this month. The whole table is locked while they move:
    -- a query planned before the new partition is attached would not read it, yet could read the
    -- DEFAULT after the rows left it (and no insert may add rows of the month meanwhile).
    EXECUTE format('LOCK TABLE %I IN ACCESS EXCLUSIVE MODE', parent);
    EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', name, parent);
    EXECUTE format('WITH moved AS (DELETE FROM %I WHERE %I >= $1 AND %I < $2 RETURNING *) INSERT INTO %I SELECT * FROM moved',
        deflt, key_column, key_column, name) USING lower_at, upper_at;
    EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', parent, name, lower_at, upper_at);
    RETURN true;
END
$$;

-- tracking_events (V24): nothing references it. The table is rebuilt as a partitioned one of the
-- same name, columns, checks and indexes (copied from the catalogue, so none is forgotten), and
-- its rows copied in. The primary key must hold the partition key: (id, occurred_at).
CREATE TEMPORARY TABLE v88_indexes ON COMMIT DROP AS
    SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS def
    FROM pg_index WHERE indrelid = 'tracking_events'::regclass AND NOT indisprimary;

ALTER TABLE tracking_events RENAME TO tracking_events_unpartitioned;
ALTER TABLE tracking_events_unpartitioned DROP CONSTRAINT tracking_events_pkey;
DO $$
DECLARE
    index_name TEXT;
BEGIN
    FOR index_name IN SELECT name FROM v88_indexes LOOP
        EXECUTE format('DROP INDEX %s', index_name);
    END LOOP;
END
$$;

CREATE TABLE tracking_events (LIKE tracking_events_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS)
    PARTITION BY RANGE (occurred_at);
ALTER TABLE tracking_events ADD CONSTRAINT tracking_events_pkey PRIMARY KEY (id, occurred_at);
CREATE TABLE tracking_events_default PARTITION OF tracking_events DEFAULT;
DO $$
DECLARE
    definition TEXT;
    month      DATE;
BEGIN
    FOR definition IN SELECT def FROM v88_indexes ORDER BY name LOOP
        EXECUTE definition;
    END LOOP;
    -- Every month that holds rows, then this month and the next three.
    FOR month IN
        SELECT DISTINCT date_trunc('month', occurred_at AT TIME ZONE 'UTC')::date FROM tracking_events_unpartitioned
        UNION
        SELECT generate_series(date_trunc('month', now() AT TIME ZONE 'UTC'),
            date_trunc('month', now() AT TIME ZONE 'UTC') + INTERVAL '3 months', INTERVAL '1 month')::date
    LOOP
        PERFORM time_partition_create('tracking_events', 'occurred_at', month);
    END LOOP;
END
$$;

INSERT INTO tracking_events SELECT * FROM tracking_events_unpartitioned;
DROP TABLE tracking_events_unpartitioned;
ANALYZE tracking_events;
