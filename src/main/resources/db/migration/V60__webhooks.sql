-- Webhooks (Standard Webhooks): endpoints a workspace registers, the events it produced, one
-- durable delivery per event and endpoint (the outbox the senders claim with SKIP LOCKED), and
-- every HTTP attempt of a delivery (the delivery log).

-- An endpoint: where events go. kind 'endpoint' is made on the page or the API; 'rest_hook' is
-- a Zapier-style REST hook subscription (POST /api/v1/hooks), one event type, removed by DELETE.
CREATE TABLE webhook_endpoints (
    id               UUID PRIMARY KEY,
    workspace_id     UUID          NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    kind             VARCHAR(16)   NOT NULL DEFAULT 'endpoint' CHECK (kind IN ('endpoint', 'rest_hook')),
    url              VARCHAR(2048) NOT NULL,
    description      VARCHAR(300)  NOT NULL DEFAULT '',
    -- Event types this endpoint receives ('message.bounced', ...); '*' means all.
    event_types      TEXT[]        NOT NULL,
    -- A CEL expression over the event (variable `event`); empty means every event of the types.
    filter           TEXT          NOT NULL DEFAULT '',
    -- A JSLT transformation of the payload; empty sends the Standard Webhooks payload as is.
    transform        TEXT          NOT NULL DEFAULT '',
    enabled          BOOLEAN       NOT NULL DEFAULT TRUE,
    disabled_reason  VARCHAR(500),
    disabled_at      TIMESTAMPTZ,
    -- Since when every attempt has failed (null while the last attempt succeeded): after 5 days
    -- of failures the endpoint is disabled.
    failing_since    TIMESTAMPTZ,
    created_by       UUID,
    created_at       TIMESTAMPTZ   NOT NULL,
    updated_at       TIMESTAMPTZ   NOT NULL
);
CREATE INDEX webhook_endpoints_workspace ON webhook_endpoints (workspace_id, created_at);

-- An endpoint's signing secrets. Several may be live during a rotation: every live secret signs
-- (one signature each in webhook-signature). kind 'hmac' signs 'v1,' (HMAC-SHA256 with a whsec_
-- secret); 'ed25519' signs 'v1a,' (the receiver holds public_key, a whpk_ key).
CREATE TABLE webhook_endpoint_secrets (
    id           UUID PRIMARY KEY,
    endpoint_id  UUID        NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    kind         VARCHAR(16) NOT NULL CHECK (kind IN ('hmac', 'ed25519')),
    -- The secret (whsec_...) or the ed25519 private key (PKCS#8, base64), encrypted with
    -- shared.Secrets under the context 'webhook-secret:' || id.
    secret       BYTEA       NOT NULL,
    -- The ed25519 public key the receiver verifies with (whpk_ + base64 of the raw 32 bytes).
    public_key   VARCHAR(100),
    created_at   TIMESTAMPTZ NOT NULL,
    -- A rotated-out secret keeps signing until then (null: live until rotated).
    expires_at   TIMESTAMPTZ
);
CREATE INDEX webhook_endpoint_secrets_endpoint ON webhook_endpoint_secrets (endpoint_id);

-- An event of the catalogue, once: dedupe_key makes a business event that is seen twice (a
-- republished application event, a re-synced reply) one event. id is the webhook-id.
CREATE TABLE webhook_events (
    id            UUID PRIMARY KEY,
    workspace_id  UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    type          VARCHAR(64)  NOT NULL,
    dedupe_key    VARCHAR(300) NOT NULL,
    -- Deliveries of events with the same ordering key (a contact) to one endpoint go out in order.
    ordering_key  VARCHAR(300),
    -- The Standard Webhooks payload: {"type": ..., "timestamp": ..., "data": {...}}.
    payload       JSONB        NOT NULL,
    occurred_at   TIMESTAMPTZ  NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL,
    UNIQUE (workspace_id, dedupe_key)
);
CREATE INDEX webhook_events_workspace ON webhook_events (workspace_id, created_at DESC);

-- One event to one endpoint: the durable outbox. status: pending (waiting for next_attempt_at),
-- delivered (a 2xx), filtered (the endpoint's filter said no), failed (retries exhausted or the
-- endpoint disabled). seq orders deliveries of one ordering key.
CREATE TABLE webhook_deliveries (
    id               UUID PRIMARY KEY,
    seq              BIGSERIAL    NOT NULL,
    workspace_id     UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    event_id         UUID         NOT NULL REFERENCES webhook_events (id) ON DELETE CASCADE,
    endpoint_id      UUID         NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    ordering_key     VARCHAR(300),
    status           VARCHAR(16)  NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'delivered', 'filtered', 'failed')),
    attempts         INT          NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ  NOT NULL,
    -- A sender's claim: until then no other sender takes the row.
    locked_until     TIMESTAMPTZ,
    last_status_code INT,
    last_error       VARCHAR(1000),
    created_at       TIMESTAMPTZ  NOT NULL,
    finished_at      TIMESTAMPTZ,
    UNIQUE (event_id, endpoint_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_order ON webhook_deliveries (endpoint_id, ordering_key, seq)
    WHERE status = 'pending' AND ordering_key IS NOT NULL;
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at DESC);

-- Every HTTP attempt of a delivery: the delivery log (replays add attempts too).
CREATE TABLE webhook_attempts (
    id                UUID PRIMARY KEY,
    workspace_id      UUID          NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    delivery_id       UUID          NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    endpoint_id       UUID          NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event_id          UUID          NOT NULL,
    event_type        VARCHAR(64)   NOT NULL,
    attempt           INT           NOT NULL,
    -- Whether a person asked for it (a replay) rather than the schedule.
    replay            BOOLEAN       NOT NULL DEFAULT FALSE,
    url               VARCHAR(2048) NOT NULL,
    request_headers   JSONB         NOT NULL,
    request_body      TEXT          NOT NULL,
    -- Null when no HTTP answer came (refused address, connect error, timeout).
    status_code       INT,
    response_headers  JSONB,
    -- The first KB of the answer's body.
    response_body     VARCHAR(1024),
    error             VARCHAR(1000),
    duration_ms       INT           NOT NULL,
    attempted_at      TIMESTAMPTZ   NOT NULL
);
CREATE INDEX webhook_attempts_endpoint ON webhook_attempts (endpoint_id, attempted_at DESC);
CREATE INDEX webhook_attempts_workspace ON webhook_attempts (workspace_id, attempted_at DESC);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, attempted_at);
