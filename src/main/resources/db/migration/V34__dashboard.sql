-- The home page: its daily figures (a read model fed by events), the checklist's dismissal,
-- and what "Try it in the sandbox" created (so it can be removed in one click).

-- One row per workspace and UTC day; the page sums at most 30 rows, however many messages.
CREATE TABLE dashboard_daily (
    workspace_id  UUID    NOT NULL,
    day           DATE    NOT NULL,
    sent          BIGINT  NOT NULL DEFAULT 0,
    failed        BIGINT  NOT NULL DEFAULT 0,
    replied       BIGINT  NOT NULL DEFAULT 0,
    positive      BIGINT  NOT NULL DEFAULT 0,
    bounced       BIGINT  NOT NULL DEFAULT 0,
    complained    BIGINT  NOT NULL DEFAULT 0,
    unsubscribed  BIGINT  NOT NULL DEFAULT 0,
    PRIMARY KEY (workspace_id, day)
);

-- Who replied on which day, so "people who replied" over a period counts each person once.
CREATE TABLE dashboard_repliers (
    workspace_id  UUID         NOT NULL,
    day           DATE         NOT NULL,
    person        VARCHAR(320) NOT NULL,
    PRIMARY KEY (workspace_id, day, person)
);

-- Events already counted (an event handed again after a crash counts once).
CREATE TABLE dashboard_counted (
    source_id     VARCHAR(120) PRIMARY KEY
);

CREATE TABLE dashboard_workspaces (
    workspace_id            UUID PRIMARY KEY,
    checklist_dismissed_at  TIMESTAMPTZ
);

-- What the sandbox demo created: kind is mailbox, contact or campaign.
CREATE TABLE dashboard_demo (
    workspace_id  UUID        NOT NULL,
    kind          VARCHAR(16) NOT NULL,
    id            UUID        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace_id, kind, id)
);
