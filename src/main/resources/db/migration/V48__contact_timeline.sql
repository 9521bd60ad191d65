-- A contact's activity timeline reads its messages newest first, by keyset: what the
-- outbox holds for it (sent, else queued time) and what came back matched to it.
CREATE INDEX outbox_contact ON outbox (contact_id, (coalesce(sent_at, created_at)) DESC, id DESC)
    WHERE contact_id IS NOT NULL;
CREATE INDEX inbound_messages_contact ON inbound_messages (contact_id, received_at DESC, id DESC)
    WHERE contact_id IS NOT NULL;
