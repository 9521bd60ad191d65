-- Which transport sent a message: smtp, postmark, mailgun or ses, and the workspace's
-- sending provider when a route chose one (null: the mailbox's own transport). The
-- provider's message id still goes to queue_id, where provider webhooks find it.
ALTER TABLE outbox ADD COLUMN sent_via VARCHAR(16);
ALTER TABLE outbox ADD COLUMN sent_via_provider UUID;
