-- Salesforce (issue 20): a connection is a crm_connections row with crm = 'salesforce'. Its
-- token column holds the OAuth 2.0 grant (access token, refresh token, instance_url) as one
-- JSON value encrypted with shared.Secrets (context "crm:salesforce:<workspace>"); token_hint
-- is the end of the Salesforce organisation id. What to import: Contact or Lead and the SOQL
-- WHERE condition the user gave (validated before it is stored; the SELECT is built by us).
ALTER TABLE crm_connections ADD COLUMN source_object VARCHAR(10);
ALTER TABLE crm_connections ADD COLUMN source_filter VARCHAR(1000);

-- An OAuth 2.0 authorization request waiting for the browser to come back (RFC 6749 §10.12
-- state, RFC 7636 PKCE): keyed on the SHA-256 of the state (the state itself only travels in
-- the redirect), bound to the workspace and the user who started it, single use (deleted when
-- the callback reads it) and expiring. The code verifier is encrypted with shared.Secrets.
CREATE TABLE crm_oauth_states (
    state_hash    BYTEA        PRIMARY KEY,
    crm           VARCHAR(20)  NOT NULL,
    workspace_id  UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id       UUID         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_verifier BYTEA        NOT NULL,
    expires_at    TIMESTAMPTZ  NOT NULL
);
CREATE INDEX crm_oauth_states_expiry ON crm_oauth_states (expires_at);
