-- A/B variants: a step may pick a winner automatically once every variant has its minimum
-- sample, by opens, clicks or replies, when a two-proportion test says the difference is
-- significant at 95%. The decision and its numbers are kept.
ALTER TABLE campaign_steps ADD COLUMN winner_metric VARCHAR(8) CHECK (winner_metric IN ('opens', 'clicks', 'replies'));
ALTER TABLE campaign_steps ADD COLUMN min_sample INTEGER NOT NULL DEFAULT 100 CHECK (min_sample BETWEEN 10 AND 100000);
ALTER TABLE campaign_steps ADD COLUMN winner INTEGER;
ALTER TABLE campaign_steps ADD COLUMN decision JSONB;

-- What recipients did with each message (one row per message; opened/clicked/replied once
-- each), recorded by tracking and inbound as those land.
CREATE TABLE campaign_engagements (
    outbox_id    UUID PRIMARY KEY,
    workspace_id UUID        NOT NULL,
    campaign_id  UUID        NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    step         INTEGER     NOT NULL,
    variant      INTEGER     NOT NULL,
    opened       BOOLEAN     NOT NULL DEFAULT false,
    clicked      BOOLEAN     NOT NULL DEFAULT false,
    replied      BOOLEAN     NOT NULL DEFAULT false,
    updated_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX campaign_engagements_step ON campaign_engagements (campaign_id, step, variant);
