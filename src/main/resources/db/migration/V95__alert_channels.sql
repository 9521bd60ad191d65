-- Alerts to the channels people use (issue 22): a stable type per alert, acknowledgement and
-- resolution, channels (email, Slack, Microsoft Teams, the webhook system), routing rules,
-- quiet hours, escalation policies, durable notifications and an incident timeline per alert.

-- type: the raiser's stable key ('domain.dns_failing', 'mailbox.failing', ...); rows from before
-- this migration are 'general'. status: open -> acknowledged -> resolved (or open -> resolved).
-- escalation_*: the policy the alert was routed to, the step reached (1 = the first targets) and
-- when the next step is due while nobody acknowledges; null once acknowledged, resolved or at
-- the last step.
ALTER TABLE alerts
    ADD COLUMN type VARCHAR(64) NOT NULL DEFAULT 'general',
    ADD COLUMN status VARCHAR(16) NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'resolved')),
    ADD COLUMN acknowledged_at TIMESTAMPTZ,
    ADD COLUMN acknowledged_by VARCHAR(320),
    ADD COLUMN resolved_at TIMESTAMPTZ,
    ADD COLUMN resolved_by VARCHAR(320),
    ADD COLUMN escalation_policy_id UUID,
    ADD COLUMN escalation_step INT NOT NULL DEFAULT 0,
    ADD COLUMN next_escalation_at TIMESTAMPTZ;
CREATE INDEX alerts_escalation_due ON alerts (next_escalation_at) WHERE next_escalation_at IS NOT NULL;

-- A place alerts go. kind 'email': addresses (comma-separated; empty = the workspace's owner and
-- admins); 'slack' / 'teams': the incoming-webhook URL, a secret, encrypted with the master key
-- (shared.Secrets, context "alert-channel:" + id), shown only as url_hint (scheme and host);
-- 'webhook': the workspace's webhook endpoints subscribed to alert.raised. Quiet hours: from/to
-- local times in quiet_zone (an IANA zone; a window may span midnight); null = none. A failing
-- channel keeps its last error for the settings page.
CREATE TABLE alert_channels (
    id UUID PRIMARY KEY,
    workspace_id UUID NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name VARCHAR(100) NOT NULL,
    kind VARCHAR(16) NOT NULL CHECK (kind IN ('email', 'slack', 'teams', 'webhook')),
    addresses TEXT NOT NULL DEFAULT '',
    encrypted_url BYTEA,
    url_hint VARCHAR(300) NOT NULL DEFAULT '',
    quiet_zone VARCHAR(64),
    quiet_from TIME,
    quiet_to TIME,
    critical_bypasses_quiet BOOLEAN NOT NULL DEFAULT true,
    last_error TEXT,
    last_error_at TIMESTAMPTZ,
    last_delivered_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX alert_channels_workspace ON alert_channels (workspace_id, created_at);

-- An escalation policy: ordered steps, each a channel or one person's address, taken after
-- after_minutes without acknowledgement since the step before (step 1 goes out when raised).
CREATE TABLE alert_escalation_policies (
    id UUID PRIMARY KEY,
    workspace_id UUID NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name VARCHAR(100) NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE alert_escalation_steps (
    policy_id UUID NOT NULL REFERENCES alert_escalation_policies (id) ON DELETE CASCADE,
    position INT NOT NULL CHECK (position >= 1),
    channel_id UUID REFERENCES alert_channels (id) ON DELETE CASCADE,
    email VARCHAR(320),
    after_minutes INT NOT NULL DEFAULT 0 CHECK (after_minutes >= 0),
    PRIMARY KEY (policy_id, position),
    CHECK ((channel_id IS NULL) <> (email IS NULL))
);

-- Routing: an alert goes to every route matching its type, and every route matching its
-- severity; when none matches, to the 'default' routes; a workspace without routes emails its
-- owner and admins (as before channels existed). A route names a channel or an escalation policy.
CREATE TABLE alert_routes (
    id UUID PRIMARY KEY,
    workspace_id UUID NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    match_kind VARCHAR(16) NOT NULL CHECK (match_kind IN ('type', 'severity', 'default')),
    match_value VARCHAR(64) NOT NULL DEFAULT '',
    channel_id UUID REFERENCES alert_channels (id) ON DELETE CASCADE,
    policy_id UUID REFERENCES alert_escalation_policies (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    CHECK ((channel_id IS NULL) <> (policy_id IS NULL))
);
CREATE INDEX alert_routes_workspace ON alert_routes (workspace_id);

-- One message to send: to a channel or to one address. due_at: when it may go (later in quiet
-- hours, or a retry's backoff; a sender claiming it moves it one lease ahead, FOR UPDATE SKIP
-- LOCKED, so two nodes never send it twice at once). status pending -> sent | failed.
CREATE TABLE alert_notifications (
    id UUID PRIMARY KEY,
    workspace_id UUID NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    alert_id UUID NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
    channel_id UUID REFERENCES alert_channels (id) ON DELETE CASCADE,
    email VARCHAR(320),
    step INT NOT NULL DEFAULT 0,
    status VARCHAR(16) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    due_at TIMESTAMPTZ NOT NULL,
    attempts INT NOT NULL DEFAULT 0,
    last_error TEXT,
    sent_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX alert_notifications_due ON alert_notifications (due_at) WHERE status = 'pending';
CREATE INDEX alert_notifications_alert ON alert_notifications (alert_id);

-- The incident timeline: raised, notified / failed / held (channel, outcome), escalated,
-- acknowledged (by whom), resolved.
CREATE TABLE alert_events (
    id BIGSERIAL PRIMARY KEY,
    workspace_id UUID NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    alert_id UUID NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
    kind VARCHAR(16) NOT NULL CHECK (kind IN ('raised', 'notified', 'failed', 'held', 'escalated', 'acknowledged', 'resolved')),
    detail TEXT NOT NULL DEFAULT '',
    at TIMESTAMPTZ NOT NULL
);
CREATE INDEX alert_events_alert ON alert_events (alert_id, at, id);
