-- How a template version was written (plain text, HTML code, or the visual MJML editor) and, for the
-- visual editor, its MJML source beside the compiled HTML and text that are sent.
ALTER TABLE email_template_versions
    ADD COLUMN editor VARCHAR(8) NOT NULL DEFAULT 'code' CHECK (editor IN ('text', 'code', 'visual')),
    ADD COLUMN source TEXT;
