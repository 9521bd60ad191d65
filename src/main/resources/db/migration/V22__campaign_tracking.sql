-- Open and click tracking per campaign: off by default (cold email often goes as plain as it can).
ALTER TABLE campaigns ADD COLUMN track_opens BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE campaigns ADD COLUMN track_clicks BOOLEAN NOT NULL DEFAULT false;
