-- Throttling that reacts to receivers (issue 17, "throttling"): the provider of each
-- recipient domain (known consumer domains and MX hosts; public DNS facts shared by all
-- workspaces, re-checked after a week), the provider signals read from SMTP replies and
-- DSNs, the limits on each mailbox's path to a recipient provider, and every decision
-- with its evidence.
CREATE TABLE throttle_recipient_domains (
    domain      TEXT PRIMARY KEY,
    provider    TEXT NOT NULL,
    mx_hosts    TEXT NOT NULL DEFAULT '',
    checked_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE throttle_signals (
    id               UUID PRIMARY KEY,
    workspace_id     UUID NOT NULL,
    mailbox_id       UUID NOT NULL,
    path             TEXT NOT NULL,
    provider         TEXT NOT NULL,
    recipient_domain TEXT NOT NULL,
    signal           TEXT NOT NULL,
    counted          BOOLEAN NOT NULL,
    source           TEXT NOT NULL,
    reply            TEXT NOT NULL,
    outbox_id        UUID,
    seen_at          TIMESTAMPTZ NOT NULL
);
CREATE INDEX throttle_signals_path ON throttle_signals (workspace_id, mailbox_id, path, seen_at);

CREATE TABLE throttle_paths (
    workspace_id     UUID NOT NULL,
    mailbox_id       UUID NOT NULL,
    path             TEXT NOT NULL,
    provider         TEXT NOT NULL,
    state            TEXT NOT NULL,
    per_hour         INT NOT NULL,
    min_gap_seconds  INT NOT NULL,
    suspended_until  TIMESTAMPTZ,
    review_at        TIMESTAMPTZ,
    suspensions      INT NOT NULL DEFAULT 0,
    manual           BOOLEAN NOT NULL DEFAULT false,
    changed_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (workspace_id, mailbox_id, path)
);
CREATE INDEX throttle_paths_review ON throttle_paths (review_at) WHERE review_at IS NOT NULL;

CREATE TABLE throttle_decisions (
    id               UUID PRIMARY KEY,
    workspace_id     UUID NOT NULL,
    mailbox_id       UUID NOT NULL,
    sender_domain    TEXT NOT NULL,
    path             TEXT NOT NULL,
    provider         TEXT NOT NULL,
    action           TEXT NOT NULL,
    state            TEXT NOT NULL,
    per_hour         INT NOT NULL,
    min_gap_seconds  INT NOT NULL,
    suspended_until  TIMESTAMPTZ,
    reason           TEXT NOT NULL,
    signals          INT NOT NULL,
    window_seconds   BIGINT NOT NULL,
    evidence         TEXT[] NOT NULL,
    decided_by       UUID,
    decided_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX throttle_decisions_recent ON throttle_decisions (workspace_id, decided_at DESC);
