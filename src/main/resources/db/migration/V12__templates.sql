-- Email templates, versioned: every save is a new version; campaigns keep the version they used.
CREATE TABLE email_templates (
    id           UUID PRIMARY KEY,
    workspace_id UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name         VARCHAR(200) NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    UNIQUE (workspace_id, name)
);

CREATE TABLE email_template_versions (
    id           UUID PRIMARY KEY,
    workspace_id UUID        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    template_id  UUID        NOT NULL REFERENCES email_templates (id) ON DELETE CASCADE,
    version      INT         NOT NULL,
    subject      TEXT        NOT NULL,
    html         TEXT        NOT NULL,
    text         TEXT,
    created_by   UUID,
    created_at   TIMESTAMPTZ NOT NULL,
    UNIQUE (template_id, version)
);
