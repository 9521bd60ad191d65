-- Sending providers: a workspace's named Postmark, Mailgun or Amazon SES accounts that
-- sending routes point at (the From address stays the mailbox's). The secrets are one JSON
-- object encrypted with the master key (shared.Secrets, context sending-provider:<id>).
-- A periodic health check (the provider's cheapest authenticated call) keeps the health:
-- unknown (not checked yet), healthy or failing, with the last error in words and when it
-- changed; next_check_at is claimed with FOR UPDATE SKIP LOCKED so one node checks each.
CREATE TABLE sending_providers (
    id                UUID          PRIMARY KEY,
    workspace_id      UUID          NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name              VARCHAR(100)  NOT NULL,
    kind              VARCHAR(16)   NOT NULL CHECK (kind IN ('postmark', 'mailgun', 'ses')),
    stream            TEXT,
    domain            TEXT,
    region            TEXT,
    credentials       BYTEA         NOT NULL,
    health            VARCHAR(16)   NOT NULL DEFAULT 'unknown' CHECK (health IN ('unknown', 'healthy', 'failing')),
    health_error      VARCHAR(1000),
    health_changed_at TIMESTAMPTZ,
    checked_at        TIMESTAMPTZ,
    next_check_at     TIMESTAMPTZ   NOT NULL,
    created_at        TIMESTAMPTZ   NOT NULL,
    UNIQUE (workspace_id, name)
);
CREATE INDEX sending_providers_due ON sending_providers (next_check_at);

-- Sending routes, in order (the first that matches a message chooses its transport): a
-- campaign, a recipient domain (exact, or *.suffix) or the recipient's mail provider
-- (google, microsoft, yahoo: from the domain's MX). The chosen chain is the steps' providers
-- in order, then the mailbox's own SMTP server when then_smtp.
CREATE TABLE sending_routes (
    id           UUID          PRIMARY KEY,
    workspace_id UUID          NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    position     INT           NOT NULL,
    match_kind   VARCHAR(24)   NOT NULL CHECK (match_kind IN ('campaign', 'recipient_domain', 'recipient_provider')),
    match_value  VARCHAR(255)  NOT NULL,
    campaign_id  UUID          REFERENCES campaigns (id) ON DELETE CASCADE,
    then_smtp    BOOLEAN       NOT NULL,
    created_at   TIMESTAMPTZ   NOT NULL
);
CREATE INDEX sending_routes_order ON sending_routes (workspace_id, position);

-- A provider in use by a route cannot be removed: the route is changed first. NO ACTION (not
-- RESTRICT), checked at the end of the statement, so deleting a workspace cascades to both.
CREATE TABLE sending_route_steps (
    route_id    UUID NOT NULL REFERENCES sending_routes (id) ON DELETE CASCADE,
    step        INT  NOT NULL,
    provider_id UUID NOT NULL REFERENCES sending_providers (id),
    PRIMARY KEY (route_id, step)
);
CREATE INDEX sending_route_steps_provider ON sending_route_steps (provider_id);
