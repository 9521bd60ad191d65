CREATE TABLE contact_lists (
    id           UUID PRIMARY KEY,
    workspace_id UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name         VARCHAR(200) NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    UNIQUE (workspace_id, name)
);

CREATE TABLE contact_list_members (
    list_id      UUID NOT NULL REFERENCES contact_lists (id) ON DELETE CASCADE,
    contact_id   UUID NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    workspace_id UUID NOT NULL,
    PRIMARY KEY (list_id, contact_id)
);
CREATE INDEX contact_list_members_contact ON contact_list_members (contact_id);

-- Saved filters over contacts; the definition is compiled to parameterised SQL at each use.
CREATE TABLE segments (
    id           UUID PRIMARY KEY,
    workspace_id UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name         VARCHAR(200) NOT NULL,
    definition   JSONB        NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    UNIQUE (workspace_id, name)
);
