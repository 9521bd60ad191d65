-- A mailbox whose SMTP server needs no login (a relay that trusts our address): only when the user
-- says so; by default a server that offers no AUTH fails the connection test.
ALTER TABLE mailboxes ADD COLUMN smtp_auth BOOLEAN NOT NULL DEFAULT true;
-- A campaign that sends plain text only: no HTML part, no open pixel, links as written.
ALTER TABLE campaigns ADD COLUMN plain_text BOOLEAN NOT NULL DEFAULT false;
-- Its messages have no HTML part.
ALTER TABLE outbox ALTER COLUMN html DROP NOT NULL;
