-- Google Postmaster Tools and Microsoft SNDS: one connection per workspace and provider
-- (secrets encrypted with shared.Secrets), and what each daily pull brought.

CREATE TABLE postmaster_connections (
    workspace_id      uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    provider          text NOT NULL,                -- google | snds
    account           text,                         -- what the user recognises (Google: the granted scope's account hint; SNDS: key's last 4)
    secret            bytea NOT NULL,               -- Google: the refresh token; SNDS: the access key (encrypted)
    access_token      bytea,                        -- Google: the current access token (encrypted)
    access_expires_at timestamptz,
    status            text NOT NULL,                -- connected | expired | failing
    message           text,                         -- why not connected, in words
    connected_at      timestamptz NOT NULL,
    last_pulled_at    timestamptz,
    next_pull_at      timestamptz NOT NULL,         -- when the scheduled pull is due
    pulling_until     timestamptz,                  -- the lease of the node pulling it now, if any
    PRIMARY KEY (workspace_id, provider)
);

CREATE INDEX postmaster_connections_due ON postmaster_connections (next_pull_at);

-- Postmaster Tools v1 TrafficStats, one row per domain and day.
CREATE TABLE postmaster_traffic_stats (
    workspace_id              uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    domain                    text NOT NULL,
    day                       date NOT NULL,
    domain_reputation         text,                 -- HIGH | MEDIUM | LOW | BAD
    user_reported_spam_ratio  double precision,
    spam_ratio_lower_bound    double precision,
    spam_ratio_upper_bound    double precision,
    spf_success_ratio         double precision,
    dkim_success_ratio        double precision,
    dmarc_success_ratio       double precision,
    inbound_encryption_ratio  double precision,
    outbound_encryption_ratio double precision,
    ip_reputations            jsonb NOT NULL DEFAULT '[]',  -- [{reputation, ipCount, sampleIps}]
    delivery_errors           jsonb NOT NULL DEFAULT '[]',  -- [{errorClass, errorType, errorRatio}]
    spammy_feedback_loops     jsonb NOT NULL DEFAULT '[]',  -- [{id, spamRatio}]
    pulled_at                 timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, domain, day)
);

-- SNDS data feed, one row per IP and activity day.
CREATE TABLE snds_ip_days (
    workspace_id       uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    ip                 text NOT NULL,
    day                date NOT NULL,
    activity_start     timestamptz,
    activity_end       timestamptz,
    rcpt_commands      bigint,
    data_commands      bigint,
    message_recipients bigint,
    filter_result      text,                        -- GREEN | YELLOW | RED
    complaint_rate     double precision,            -- a fraction; "< 0.1%" is stored as 0.001 with complaint_text
    complaint_text     text,
    trap_message_start timestamptz,
    trap_message_end   timestamptz,
    trap_hits          bigint,
    sample_helo        text,
    sample_mail_from   text,
    comments           text,
    pulled_at          timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, ip, day)
);

-- SNDS IP status feed: ranges Outlook.com blocks, replaced by each pull.
CREATE TABLE snds_ip_status (
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    first_ip     text NOT NULL,
    last_ip      text NOT NULL,
    blocked      boolean NOT NULL,
    details      text,
    pulled_at    timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, first_ip, last_ip)
);
