-- Every open and click, kept as it came: mail proxies and security scanners included, but
-- flagged (machine, and why), so figures can count people only and still show the rest.
CREATE TABLE tracking_events (
    id             UUID PRIMARY KEY,
    workspace_id   UUID NOT NULL,
    campaign_id    UUID,
    enrolment_id   UUID,
    outbox_id      UUID NOT NULL,
    step           INT,
    variant        INT,
    kind           VARCHAR(8) NOT NULL CHECK (kind IN ('open', 'click')),
    url            TEXT,
    occurred_at    TIMESTAMPTZ NOT NULL,
    user_agent     VARCHAR(1000),
    ip             VARCHAR(64),
    machine        BOOLEAN NOT NULL,
    machine_reason VARCHAR(64),
    device_class   VARCHAR(40),
    client         VARCHAR(80),
    os             VARCHAR(80)
);

-- A campaign's figures, devices and timeline.
CREATE INDEX tracking_events_campaign ON tracking_events (campaign_id, occurred_at);
-- One message's events: the link scan check on every click, and GDPR requests.
CREATE INDEX tracking_events_outbox ON tracking_events (outbox_id, occurred_at);
