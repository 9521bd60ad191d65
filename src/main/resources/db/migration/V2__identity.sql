CREATE TABLE users (
    id                UUID PRIMARY KEY,
    email             VARCHAR(320) NOT NULL,
    password_hash     VARCHAR(200) NOT NULL,
    display_name      VARCHAR(200) NOT NULL DEFAULT '',
    time_zone         VARCHAR(64)  NOT NULL DEFAULT 'UTC',
    email_verified_at TIMESTAMPTZ,
    totp_secret       BYTEA,
    totp_enabled_at   TIMESTAMPTZ,
    totp_last_step    BIGINT       NOT NULL DEFAULT 0,
    failed_logins     INT          NOT NULL DEFAULT 0,
    locked_until      TIMESTAMPTZ,
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email ON users (lower(email));

CREATE TABLE workspaces (
    id          UUID PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    require_2fa BOOLEAN      NOT NULL DEFAULT false,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE memberships (
    workspace_id UUID        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id      UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role         VARCHAR(16) NOT NULL CHECK (role IN ('OWNER', 'ADMIN', 'MEMBER', 'VIEWER')),
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);
-- Exactly one owner per workspace.
CREATE UNIQUE INDEX memberships_one_owner ON memberships (workspace_id) WHERE role = 'OWNER';

-- Single-use tokens sent by email: only their SHA-256 is stored.
CREATE TABLE user_tokens (
    id         UUID PRIMARY KEY,
    token_hash BYTEA       NOT NULL UNIQUE,
    user_id    UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    VARCHAR(32) NOT NULL,
    payload    VARCHAR(320),
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX user_tokens_user ON user_tokens (user_id, purpose);

CREATE TABLE invitations (
    id           UUID PRIMARY KEY,
    workspace_id UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    email        VARCHAR(320) NOT NULL,
    role         VARCHAR(16)  NOT NULL CHECK (role IN ('ADMIN', 'MEMBER', 'VIEWER')),
    token_hash   BYTEA        NOT NULL UNIQUE,
    invited_by   UUID         NOT NULL REFERENCES users (id),
    expires_at   TIMESTAMPTZ  NOT NULL,
    accepted_at  TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX invitations_workspace ON invitations (workspace_id);

CREATE TABLE backup_codes (
    id        UUID PRIMARY KEY,
    user_id   UUID         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash VARCHAR(200) NOT NULL,
    used_at   TIMESTAMPTZ
);
CREATE INDEX backup_codes_user ON backup_codes (user_id);

CREATE TABLE api_keys (
    id           UUID PRIMARY KEY,
    workspace_id UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name         VARCHAR(200) NOT NULL,
    prefix       VARCHAR(16)  NOT NULL,
    secret_hash  BYTEA        NOT NULL UNIQUE,
    scopes       TEXT[]       NOT NULL,
    created_by   UUID         NOT NULL REFERENCES users (id),
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    last_used_at TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ
);
CREATE INDEX api_keys_workspace ON api_keys (workspace_id);

-- Every login attempt, successful or not (the user's login activity, and the per-IP CAPTCHA rule).
CREATE TABLE login_attempts (
    id         BIGSERIAL PRIMARY KEY,
    user_id    UUID REFERENCES users (id) ON DELETE CASCADE,
    email      VARCHAR(320) NOT NULL,
    ip         VARCHAR(64)  NOT NULL,
    user_agent VARCHAR(512) NOT NULL DEFAULT '',
    success    BOOLEAN      NOT NULL,
    reason     VARCHAR(64)  NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX login_attempts_user ON login_attempts (user_id, created_at DESC);
CREATE INDEX login_attempts_ip ON login_attempts (ip, created_at DESC);

-- ALTCHA challenges already solved: a solution is accepted once.
CREATE TABLE captcha_solutions (
    signature  VARCHAR(128) PRIMARY KEY,
    expires_at TIMESTAMPTZ NOT NULL
);
