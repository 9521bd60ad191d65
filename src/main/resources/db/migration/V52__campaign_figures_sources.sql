-- The campaign panel's one read of the outbox (issue 16, Outbox.outcomesPerHour: outcomes per step
-- and variant, sends per hour) from an index alone. With messages' bodies in the rows (1.5 kB of
-- HTML each: 586 MB for 300,000 messages) a sequential read took twice as long as this index-only
-- scan (25 MB), and would read from disk once the table outgrows memory.
CREATE INDEX outbox_campaign_steps ON outbox (workspace_id, campaign_id, step, variant)
    INCLUDE (status, failure, sent_at) WHERE status IN ('sent', 'failed');
