-- Deals: revenue recorded against a contact (by the API, a CSV upload, or a CRM sync), which
-- analytics attributes to the campaigns that sent the contact mail before the deal closed.
-- (workspace_id, external_id) is unique: recording a deal again with the same external id
-- updates it (idempotent upserts from a CRM or a re-uploaded file); deals without one are
-- never merged (PostgreSQL treats NULLs as distinct).
-- contact_id has no foreign key, as outbox.contact_id has none: a contact deleted later keeps
-- its deals and their attribution (the outbox keeps the messages sent to it). A GDPR erasure
-- anonymises the deal (email and name) through analytics' PersonalData.
CREATE TABLE deals (
    id            UUID PRIMARY KEY,
    workspace_id  UUID          NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    contact_id    UUID,
    email         VARCHAR(320)  NOT NULL,
    name          VARCHAR(300)  NOT NULL DEFAULT '',
    amount        NUMERIC(14,2) NOT NULL CHECK (amount >= 0),
    -- ISO 4217 alphabetic code, upper case (checked against the JDK's list on the way in).
    currency      CHAR(3)       NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    closed_at     TIMESTAMPTZ   NOT NULL,
    external_id   VARCHAR(200),
    source        VARCHAR(8)    NOT NULL CHECK (source IN ('api', 'csv', 'crm')),
    created_at    TIMESTAMPTZ   NOT NULL,
    updated_at    TIMESTAMPTZ   NOT NULL,
    UNIQUE (workspace_id, external_id)
);
-- The deals list (newest closed first, keyset on (closed_at, id)) and the attribution's read of
-- the deals closed in a period: one range scan that carries what the attribution needs.
CREATE INDEX deals_closed ON deals (workspace_id, closed_at DESC, id DESC) INCLUDE (contact_id, amount, currency);
-- GDPR export and erasure of one contact's deals.
CREATE INDEX deals_contact ON deals (workspace_id, contact_id);
