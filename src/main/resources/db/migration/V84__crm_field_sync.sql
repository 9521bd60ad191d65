-- Two-way field sync (issue 20): per CRM link, the mapped fields' values as last agreed with the
-- CRM (the baseline an import compares both sides against), when they were agreed, and per
-- field when it was last edited in PenguinMails. synced_values NULL: no baseline yet (a link
-- made before this change): the next import behaves as before and sets it.
ALTER TABLE crm_links ADD COLUMN synced_values JSONB;
ALTER TABLE crm_links ADD COLUMN synced_at TIMESTAMPTZ;
ALTER TABLE crm_links ADD COLUMN local_edits JSONB NOT NULL DEFAULT '{}';

-- The conflict policy per mapped field (our field name → crm, penguinmails or newest); a field
-- not named here: crm (the CRM wins, as before).
ALTER TABLE crm_connections ADD COLUMN field_policies JSONB NOT NULL DEFAULT '{}';
