-- Reputation timeline (issue 17, part "timeline").
-- Blocklist listings kept from now on, fed by domains' checks (domains.BlocklistsChecked): one row per
-- listing of one target (the domain or a sending IP) on one zone, from the check that first saw it
-- listed to the check that saw it clean again, with the delisting checklist's steps done.
CREATE TABLE reputation_listings (
    id              UUID PRIMARY KEY,
    workspace_id    UUID          NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    domain_id       UUID          NOT NULL,
    domain          VARCHAR(253)  NOT NULL,
    target          VARCHAR(253)  NOT NULL,
    zone            VARCHAR(253)  NOT NULL,
    list_name       VARCHAR(200)  NOT NULL,
    code            VARCHAR(64),
    meaning         VARCHAR(500),
    delist_url      VARCHAR(1000),
    listed_at       TIMESTAMPTZ   NOT NULL,
    last_seen_at    TIMESTAMPTZ   NOT NULL,
    cleared_at      TIMESTAMPTZ,
    steps_done      TEXT[]        NOT NULL DEFAULT '{}'
);
-- At most one open listing per target and zone.
CREATE UNIQUE INDEX reputation_listings_open ON reputation_listings (workspace_id, domain_id, target, zone)
    WHERE cleared_at IS NULL;
CREATE INDEX reputation_listings_recent ON reputation_listings (workspace_id, listed_at DESC);

-- Every blocklist check (when, which targets), so a day checked clean counts as data.
CREATE TABLE reputation_blocklist_checks (
    workspace_id    UUID          NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    domain_id       UUID          NOT NULL,
    checked_at      TIMESTAMPTZ   NOT NULL,
    targets         TEXT[]        NOT NULL,
    listed          INTEGER       NOT NULL,
    PRIMARY KEY (workspace_id, domain_id, checked_at)
);

-- The reputation score of each subject per UTC day, as computed when the day ended (drops are
-- compared on these, so a source changing its past later does not rewrite what was seen).
CREATE TABLE reputation_scores (
    workspace_id    UUID          NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    subject_kind    VARCHAR(8)    NOT NULL CHECK (subject_kind IN ('domain', 'ip', 'mailbox')),
    subject_key     VARCHAR(253)  NOT NULL,
    day             DATE          NOT NULL,
    score           INTEGER       NOT NULL CHECK (score BETWEEN 0 AND 100),
    breakdown       JSONB         NOT NULL,
    computed_at     TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (workspace_id, subject_kind, subject_key, day)
);

-- The daily scoring run per workspace and day: claimed with SKIP LOCKED and a lease, so several
-- nodes share the work and a node that dies only delays it.
CREATE TABLE reputation_score_runs (
    workspace_id    UUID          NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    day             DATE          NOT NULL,
    lease_until     TIMESTAMPTZ,
    done_at         TIMESTAMPTZ,
    PRIMARY KEY (workspace_id, day)
);

-- delivery.SendingDays (the timeline's sent/delivered/refused per day) reads a workspace's outbox by the
-- day of sending or of the last refused attempt: without these it would scan the whole outbox.
CREATE INDEX outbox_sent_day ON outbox (workspace_id, sent_at) WHERE status = 'sent';
CREATE INDEX outbox_failed_day ON outbox (workspace_id, last_attempt_at) WHERE status = 'failed';
