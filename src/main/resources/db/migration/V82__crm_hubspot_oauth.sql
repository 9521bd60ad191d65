-- HubSpot connected through its OAuth 2.0 app (issue 20) besides a private app token.
-- kind: 'token' (private app token in token) or 'oauth' (token holds the access token,
-- refresh_token the refresh token, both encrypted with shared.Secrets; access_expires_at
-- is when the access token ends). account: the HubSpot account (hub id) the app was
-- installed in, from GET /oauth/v1/access-tokens/{token}.
ALTER TABLE crm_connections
    ADD COLUMN kind              VARCHAR(10) NOT NULL DEFAULT 'token',
    ADD COLUMN refresh_token     BYTEA,
    ADD COLUMN access_expires_at TIMESTAMPTZ,
    ADD COLUMN account           VARCHAR(100);
