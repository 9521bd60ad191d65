-- Reusable DNS settings for new domains (an agency's SPF include set, its MX hosts).
CREATE TABLE dns_templates (
    id             UUID PRIMARY KEY,
    workspace_id   UUID          NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name           VARCHAR(100)  NOT NULL,
    spf_mechanisms VARCHAR(1000) NOT NULL DEFAULT '',
    receives_mail  BOOLEAN       NOT NULL DEFAULT false,
    mx_hosts       VARCHAR(1000) NOT NULL DEFAULT '',
    created_at     TIMESTAMPTZ   NOT NULL,
    UNIQUE (workspace_id, name)
);
