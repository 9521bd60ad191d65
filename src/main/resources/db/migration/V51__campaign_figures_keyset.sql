-- Campaign figures at 100,000 recipients (issue 16, bench/campaign-figures.sh): the who-did-what
-- pages walk a campaign's events in time order from the page's key and keep each person's first
-- (an anti-join on the person's earlier events), instead of finding every person's first event on
-- every call; the per-person counts read recipients in index order (index-only once vacuumed)
-- instead of hashing every row. Every index starts with the workspace.
DROP INDEX tracking_events_people;
CREATE INDEX tracking_events_people ON tracking_events (workspace_id, campaign_id, kind, enrolment_id, occurred_at)
    INCLUDE (machine);
-- Opens and clicks per message of a step and variant, read from the index alone.
CREATE INDEX tracking_events_messages ON tracking_events (workspace_id, campaign_id, step, variant, outbox_id)
    INCLUDE (kind, machine);
CREATE INDEX tracking_events_first ON tracking_events (workspace_id, campaign_id, kind, occurred_at, enrolment_id);
CREATE INDEX analytics_events_first ON analytics_events (workspace_id, campaign_id, kind, occurred_at, enrolment_id);
-- A campaign's attempted messages in time order (their "at": sent, else created), and by recipient.
CREATE INDEX outbox_campaign_first ON outbox (workspace_id, campaign_id, (coalesce(sent_at, created_at)), enrolment_id)
    WHERE status IN ('sent', 'failed');
-- Supersedes outbox_campaign_people (V47): the workspace first, status and failure read from the index.
DROP INDEX outbox_campaign_people;
CREATE INDEX outbox_campaign_recipient ON outbox (workspace_id, campaign_id, enrolment_id, (coalesce(sent_at, created_at)))
    INCLUDE (status, failure) WHERE status IN ('sent', 'failed');
