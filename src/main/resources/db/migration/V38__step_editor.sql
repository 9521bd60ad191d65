-- The campaign step editor (issue 14): a step keeps the unit its delay was entered in, its own
-- format (text: a single text/plain part; html: HTML with a text alternative) and an autosaved
-- draft of an unsaved edit (not sent). The campaign-wide plain-text switch becomes each step's
-- format: steps of campaigns that sent plain text become 'text', the others 'html'.
ALTER TABLE campaign_steps ADD COLUMN delay_unit VARCHAR(7) NOT NULL DEFAULT 'days'
    CHECK (delay_unit IN ('minutes', 'hours', 'days'));
UPDATE campaign_steps SET delay_unit = CASE
    WHEN delay_minutes % 1440 = 0 THEN 'days' WHEN delay_minutes % 60 = 0 THEN 'hours' ELSE 'minutes' END;
ALTER TABLE campaign_steps ADD COLUMN format VARCHAR(4) NOT NULL DEFAULT 'text' CHECK (format IN ('text', 'html'));
UPDATE campaign_steps s SET format = CASE WHEN c.plain_text THEN 'text' ELSE 'html' END
    FROM campaigns c WHERE c.id = s.campaign_id;
ALTER TABLE campaign_steps ADD COLUMN draft JSONB;
ALTER TABLE campaigns DROP COLUMN plain_text;
