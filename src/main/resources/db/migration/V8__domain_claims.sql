-- A workspace claiming a domain that another workspace holds proves control of its DNS by
-- publishing the claim's token in a TXT record at _penguinmails.<domain>.
CREATE TABLE domain_claims (
    id           UUID PRIMARY KEY,
    workspace_id UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name         VARCHAR(253) NOT NULL,
    token        VARCHAR(64)  NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    completed_at TIMESTAMPTZ,
    domain_id    UUID
);
CREATE INDEX domain_claims_workspace ON domain_claims (workspace_id, created_at DESC);
