-- Whether an automatic reply (out of office, RFC 3834 Auto-Submitted) stops a contact's
-- sequence; off by default: the person is away, not answering.
ALTER TABLE campaigns ADD COLUMN stop_on_auto_reply BOOLEAN NOT NULL DEFAULT false;
