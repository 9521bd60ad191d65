-- The throttling housekeeping deletes provider signals and decisions by age, across workspaces.
CREATE INDEX throttle_signals_seen ON throttle_signals (seen_at);
CREATE INDEX throttle_decisions_decided ON throttle_decisions (decided_at);
