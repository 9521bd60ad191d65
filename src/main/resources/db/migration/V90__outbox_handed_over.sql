-- When the sending node had ended the message's data (SMTP's final ".", flushed, the reply not read
-- yet): from then on the server has the whole message even if the node dies before recording its reply
-- (RFC 1047). A row left in 'sending' whose lease ran out is then recorded as sent, not sent
-- again; one without it was never handed over and is sent again. Cleared at each claim, so it
-- always belongs to the current attempt.
ALTER TABLE outbox ADD COLUMN handed_over_at TIMESTAMPTZ;
