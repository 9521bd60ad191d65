-- Automatic TLS for tracking hosts over ACME (RFC 8555). Shared by every node: any node may run
-- an issuance (a leased row), any node answers the CA's HTTP-01 request, every node serves the
-- issued certificates on its HTTPS connector.

-- One ACME account per directory (Let's Encrypt production, staging, a test CA). The account's
-- private key (PKCS#8 PEM) is encrypted with the master key (shared.Secrets, context
-- "acme-account:" + directory_url).
CREATE TABLE acme_accounts (
    directory_url TEXT PRIMARY KEY,
    account_url TEXT NOT NULL,
    encrypted_key BYTEA NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One row per tracking host. status: 'pending' (no certificate yet, being requested), 'issued'
-- (chain_pem is in use; a renewal may be failing: last_error), 'failed' (no certificate, and
-- requests keep failing). active: the host is a verified tracking host today (only active rows
-- are requested, renewed and watched). next_attempt_at: when the loop takes the row next (a
-- retry after a failure, or the renewal time); a node taking it moves it one lease ahead, so one
-- node works on a host at a time. encrypted_key: the certificate's private key (PKCS#8 PEM),
-- encrypted (context "tls-key:" + host); never leaves the server except to the TLS connector and
-- the reverse proxy's files.
CREATE TABLE tls_certificates (
    id UUID PRIMARY KEY,
    workspace_id UUID NOT NULL,
    domain_id UUID NOT NULL,
    host TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'issued', 'failed')),
    active BOOLEAN NOT NULL DEFAULT true,
    not_before TIMESTAMPTZ,
    not_after TIMESTAMPTZ,
    serial TEXT,
    issuer TEXT,
    chain_pem TEXT,
    encrypted_key BYTEA,
    last_error TEXT,
    attempts INT NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    warned_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX tls_certificates_due ON tls_certificates (next_attempt_at) WHERE active;
CREATE INDEX tls_certificates_workspace ON tls_certificates (workspace_id, host);

-- HTTP-01 (RFC 8555 §8.3): the token the CA will fetch and the exact key authorization to answer,
-- kept until the authorization is done (or expires_at), so whichever node the CA's request reaches
-- answers it.
CREATE TABLE acme_challenges (
    token TEXT PRIMARY KEY,
    key_authorization TEXT NOT NULL,
    host TEXT NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
