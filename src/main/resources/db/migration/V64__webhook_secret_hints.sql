-- The masked form of a webhook secret (whsec_…Ab3x, its last 4 characters), so lists show
-- which secret is current without decrypting it.
ALTER TABLE webhook_endpoint_secrets ADD COLUMN hint VARCHAR(40);
