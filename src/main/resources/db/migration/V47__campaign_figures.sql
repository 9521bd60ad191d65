-- Campaign figures per person and who did what (issue 16). An analytics event knows its recipient
-- (the enrolment: one contact in one campaign) and what a bounce said, so figures can count people
-- as well as messages and list them.
ALTER TABLE analytics_events
    ADD COLUMN enrolment_id UUID,
    ADD COLUMN detail       VARCHAR(200);
UPDATE analytics_events a SET enrolment_id = o.enrolment_id FROM outbox o WHERE o.id = a.outbox_id;
UPDATE analytics_events a SET detail = left(coalesce(m.bounce_reason, '') || CASE WHEN m.diagnostic IS NULL THEN ''
        ELSE ': ' || m.diagnostic END, 200)
    FROM inbound_messages m WHERE a.kind LIKE 'bounced%' AND a.source_id = m.id::text;

-- People per kind of event, and the first event of each person (who-did-what pages, in time order).
CREATE INDEX analytics_events_people ON analytics_events (workspace_id, campaign_id, kind, enrolment_id, occurred_at);
CREATE INDEX tracking_events_people ON tracking_events (campaign_id, kind, enrolment_id, occurred_at);
-- A campaign's messages by recipient: people contacted, their first message, sends per hour.
CREATE INDEX outbox_campaign_people ON outbox (campaign_id, enrolment_id, sent_at) WHERE status IN ('sent', 'failed');
-- A campaign's conversations and their labels (interested, meeting booked).
CREATE INDEX inbound_messages_campaign_threads ON inbound_messages (campaign_id, thread_id)
    WHERE campaign_id IS NOT NULL;
