-- When the sending node was about to end the message's data (SMTP's final "."): after this moment
-- the server may have accepted the message even if the node dies before recording its reply
-- (RFC 1047). A row left in 'sending' whose lease ran out is then recorded as sent, not sent
-- again; one without it was never handed over and is sent again. Cleared at each claim, so it
-- always belongs to the current attempt.
ALTER TABLE outbox ADD COLUMN handed_over_at TIMESTAMPTZ;
