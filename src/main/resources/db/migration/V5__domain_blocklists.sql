ALTER TABLE domains ADD COLUMN last_blocklists JSONB;
ALTER TABLE domains ADD COLUMN last_blocklists_at TIMESTAMPTZ;
