-- DMARC aggregate reports (RFC 7489 Appendix C, RFC 9990): the inbound side and reputation's tables.

-- Inbound: a message recognised as a report is stored as kind 'dmarc_report'.
ALTER TABLE inbound_messages DROP CONSTRAINT inbound_messages_kind_check;
ALTER TABLE inbound_messages ADD CONSTRAINT inbound_messages_kind_check
    CHECK (kind IN ('reply', 'auto_reply', 'bounce', 'complaint', 'unsubscribe', 'dmarc_report', 'other'));

-- Inbound: where reports arrive. 'INBOX' for a mailbox that is the reports mailbox, else a
-- folder of the mailbox the sync reads too. One place per mailbox.
CREATE TABLE inbound_dmarc_places (
    mailbox_id   UUID         PRIMARY KEY REFERENCES mailboxes (id) ON DELETE CASCADE,
    workspace_id UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    folder       VARCHAR(255) NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL
);
CREATE INDEX inbound_dmarc_places_workspace ON inbound_dmarc_places (workspace_id);

-- Reputation: every report file received (uploaded or from a message), read or not.
-- status: stored (its report is in dmarc_reports), duplicate (that report was stored
-- before), malformed (reason says why; its first bytes are kept in content).
CREATE TABLE dmarc_files (
    id           UUID          PRIMARY KEY,
    workspace_id UUID          NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name         VARCHAR(255)  NOT NULL,
    origin       VARCHAR(8)    NOT NULL CHECK (origin IN ('upload', 'mailbox')),
    inbound_id   UUID,
    status       VARCHAR(10)   NOT NULL CHECK (status IN ('stored', 'duplicate', 'malformed')),
    reason       VARCHAR(1000),
    org_name     VARCHAR(255),
    report_id    VARCHAR(255),
    size_bytes   BIGINT        NOT NULL,
    content      BYTEA,
    received_at  TIMESTAMPTZ   NOT NULL
);
CREATE INDEX dmarc_files_workspace ON dmarc_files (workspace_id, received_at DESC);

-- One report: the same org + report id counts once per workspace.
CREATE TABLE dmarc_reports (
    id            UUID          PRIMARY KEY,
    workspace_id  UUID          NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    org_name      VARCHAR(255)  NOT NULL,
    report_id     VARCHAR(255)  NOT NULL,
    email         VARCHAR(320),
    begin_at      TIMESTAMPTZ   NOT NULL,
    end_at        TIMESTAMPTZ   NOT NULL,
    policy_domain VARCHAR(255)  NOT NULL,
    p             VARCHAR(10),
    sp            VARCHAR(10),
    pct           INTEGER,
    adkim         VARCHAR(1),
    aspf          VARCHAR(1),
    file_id       UUID          NOT NULL REFERENCES dmarc_files (id) ON DELETE CASCADE,
    created_at    TIMESTAMPTZ   NOT NULL,
    UNIQUE (workspace_id, org_name, report_id)
);

-- One record of a report. day: the UTC day of the middle of the report's range.
CREATE TABLE dmarc_rows (
    id             BIGSERIAL     PRIMARY KEY,
    workspace_id   UUID          NOT NULL,
    report_id      UUID          NOT NULL REFERENCES dmarc_reports (id) ON DELETE CASCADE,
    day            DATE          NOT NULL,
    policy_domain  VARCHAR(255)  NOT NULL,
    header_from    VARCHAR(255),
    envelope_from  VARCHAR(255),
    source_ip      VARCHAR(45)   NOT NULL,
    reporter       VARCHAR(255)  NOT NULL,
    message_count  BIGINT        NOT NULL,
    disposition    VARCHAR(10),
    -- policy_evaluated: the DMARC results (pass = an aligned pass).
    dkim_aligned   VARCHAR(10),
    spf_aligned    VARCHAR(10),
    -- auth_results: the raw results, "domain=result" joined by spaces.
    dkim_results   VARCHAR(1000),
    spf_results    VARCHAR(1000),
    reasons        VARCHAR(255),
    passed         BOOLEAN       NOT NULL
);
CREATE INDEX dmarc_rows_domain_day ON dmarc_rows (workspace_id, policy_domain, day);
CREATE INDEX dmarc_rows_ip_day ON dmarc_rows (workspace_id, source_ip, day);

-- Reverse DNS names of source IPs, as last looked up (name null: none).
CREATE TABLE dmarc_source_names (
    source_ip    VARCHAR(45)   PRIMARY KEY,
    name         VARCHAR(255),
    looked_up_at TIMESTAMPTZ   NOT NULL
);
