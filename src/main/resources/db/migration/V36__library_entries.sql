-- A workspace's own library entries (templates and sequences saved to reuse); the shipped
-- library is read from resources (library/templates/*.json, library/sequences/*.json).
-- content: {"steps": [{"delay": {"amount", "unit"}, "newThread", "subject", "text", "html", "format"}]}
-- (a template has one step).
CREATE TABLE library_entries (
    id           UUID PRIMARY KEY,
    workspace_id UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    kind         VARCHAR(16)  NOT NULL CHECK (kind IN ('template', 'sequence')),
    slug         VARCHAR(80)  NOT NULL,
    name         VARCHAR(200) NOT NULL,
    category     VARCHAR(40)  NOT NULL,
    tags         TEXT[]       NOT NULL DEFAULT '{}',
    language     VARCHAR(16)  NOT NULL,
    description  TEXT         NOT NULL DEFAULT '',
    content      JSONB        NOT NULL,
    created_by   UUID,
    created_at   TIMESTAMPTZ  NOT NULL,
    UNIQUE (workspace_id, kind, slug)
);
