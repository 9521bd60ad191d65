-- Sender accounts: SMTP to send, IMAP to read replies. Passwords are encrypted with the master key.
CREATE TABLE mailboxes (
    id              UUID PRIMARY KEY,
    workspace_id    UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    email           VARCHAR(320) NOT NULL,
    display_name    VARCHAR(200) NOT NULL DEFAULT '',
    smtp_host       VARCHAR(253) NOT NULL,
    smtp_port       INT          NOT NULL,
    smtp_security   VARCHAR(8)   NOT NULL CHECK (smtp_security IN ('STARTTLS', 'TLS', 'NONE')),
    smtp_username   VARCHAR(320) NOT NULL,
    smtp_password   BYTEA        NOT NULL,
    imap_host       VARCHAR(253) NOT NULL,
    imap_port       INT          NOT NULL,
    imap_security   VARCHAR(8)   NOT NULL CHECK (imap_security IN ('STARTTLS', 'TLS', 'NONE')),
    imap_username   VARCHAR(320) NOT NULL,
    imap_password   BYTEA        NOT NULL,
    signature_html  TEXT         NOT NULL DEFAULT '',
    reply_to        VARCHAR(320) NOT NULL DEFAULT '',
    daily_cap       INT          NOT NULL DEFAULT 30 CHECK (daily_cap BETWEEN 1 AND 10000),
    min_gap_seconds INT          NOT NULL DEFAULT 60 CHECK (min_gap_seconds >= 0),
    max_gap_seconds INT          NOT NULL DEFAULT 300 CHECK (max_gap_seconds >= min_gap_seconds),
    status          VARCHAR(8)   NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'error')),
    last_error      VARCHAR(1000),
    last_tested_at  TIMESTAMPTZ,
    created_at      TIMESTAMPTZ  NOT NULL
);
CREATE UNIQUE INDEX mailboxes_email ON mailboxes (workspace_id, lower(email));
