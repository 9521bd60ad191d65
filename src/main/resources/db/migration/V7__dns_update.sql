-- RFC 2136 dynamic updates signed with TSIG (RFC 8945): where and how PenguinMails publishes a
-- domain's records itself. The TSIG secret is encrypted with the master key.
ALTER TABLE domains ADD COLUMN dns_update_server VARCHAR(300);
ALTER TABLE domains ADD COLUMN dns_update_zone VARCHAR(253);
ALTER TABLE domains ADD COLUMN tsig_key_name VARCHAR(253);
ALTER TABLE domains ADD COLUMN tsig_algorithm VARCHAR(32);
ALTER TABLE domains ADD COLUMN tsig_secret BYTEA;
ALTER TABLE domains ADD COLUMN last_published_at TIMESTAMPTZ;
