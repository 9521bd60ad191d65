-- Typed custom fields: a key in contacts.custom with a type, so imports and edits check values
-- (a number column refuses "three") and the segment editor offers the right operators.
CREATE TABLE contact_custom_fields (
    workspace_id UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    key          VARCHAR(100) NOT NULL,
    type         VARCHAR(8)   NOT NULL CHECK (type IN ('text', 'number', 'date', 'boolean')),
    created_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (workspace_id, key)
);

-- Lead scoring: each rule adds its points to the contacts its condition matches.
CREATE TABLE lead_score_rules (
    id           UUID PRIMARY KEY,
    workspace_id UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name         VARCHAR(200) NOT NULL,
    condition    JSONB        NOT NULL,
    points       INTEGER      NOT NULL CHECK (points BETWEEN -1000 AND 1000),
    created_at   TIMESTAMPTZ  NOT NULL
);
CREATE INDEX lead_score_rules_workspace ON lead_score_rules (workspace_id, created_at);

ALTER TABLE contacts ADD COLUMN score INTEGER NOT NULL DEFAULT 0;
-- The optional MX check of imports: NULL not checked, true the domain takes mail, false it does not.
ALTER TABLE contacts ADD COLUMN mx_found BOOLEAN;

-- A determinate progress bar (bytes of the file read), the list imported rows join, the MX check.
ALTER TABLE contact_imports ADD COLUMN bytes_total BIGINT NOT NULL DEFAULT 0;
ALTER TABLE contact_imports ADD COLUMN bytes_read BIGINT NOT NULL DEFAULT 0;
ALTER TABLE contact_imports ADD COLUMN list_id UUID REFERENCES contact_lists (id) ON DELETE SET NULL;
ALTER TABLE contact_imports ADD COLUMN check_mx BOOLEAN NOT NULL DEFAULT false;

-- A contact erased on request (GDPR) stays suppressed by the hash of its address alone.
ALTER TABLE suppressions DROP CONSTRAINT suppressions_reason_check;
ALTER TABLE suppressions ADD CONSTRAINT suppressions_reason_check
    CHECK (reason IN ('unsubscribed', 'hard_bounce', 'complaint', 'manual', 'erased'));
