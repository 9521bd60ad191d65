-- What happened to the messages of campaigns after they left, as the events of tracking and
-- inbound report it (through the durable event publication): replies, auto-replies, bounces
-- by kind, complaints, unsubscribes. Opens and clicks stay in tracking_events; sends in the
-- outbox. source_id makes a redelivered event count once.
CREATE TABLE analytics_events (
    source_id    VARCHAR(80)  PRIMARY KEY,
    workspace_id UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    campaign_id  UUID         NOT NULL,
    step         INTEGER      NOT NULL,
    variant      INTEGER      NOT NULL,
    outbox_id    UUID,
    kind         VARCHAR(16)  NOT NULL CHECK (kind IN ('replied', 'auto_replied', 'bounced_hard', 'bounced_soft',
                                                       'bounced_block', 'bounced_other', 'complained',
                                                       'unsubscribed')),
    occurred_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX analytics_events_campaign ON analytics_events (workspace_id, campaign_id, occurred_at);
