-- DKIM key rotation: a new key waits as 'pending' until its record verifies, then becomes
-- 'active' while the previous key stays published as 'retiring' for 7 days, then 'retired'.
ALTER TABLE dkim_keys DROP CONSTRAINT dkim_keys_status_check;
ALTER TABLE dkim_keys ADD CONSTRAINT dkim_keys_status_check
    CHECK (status IN ('active', 'pending', 'retiring', 'retired'));
ALTER TABLE dkim_keys ADD COLUMN retire_after TIMESTAMPTZ;
CREATE UNIQUE INDEX dkim_keys_one_pending ON dkim_keys (domain_id) WHERE status = 'pending';
