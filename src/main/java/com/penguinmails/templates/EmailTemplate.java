package com.penguinmails.templates;

import java.time.Instant;
import java.util.UUID;

/**
 * A template at one version. {@code text} is null when the plain text is generated from
 * the HTML; {@code source} is the visual editor's MJML document ({@code editor} is
 * {@link TemplateEditor#VISUAL}), else null; {@code updatedAt} is when this version was
 * saved and {@code savedBy} the user who saved it (null when unknown).
 */
public record EmailTemplate(UUID id, String name, int version, String subject, String html, String text,
		Instant updatedAt, TemplateEditor editor, String source, UUID savedBy) {

	/**
	 * Content rendered outside a stored template (a campaign step): written as HTML code.
	 */
	public EmailTemplate(UUID id, String name, int version, String subject, String html, String text,
			Instant updatedAt) {
		this(id, name, version, subject, html, text, updatedAt, TemplateEditor.CODE, null, null);
	}

}
