package com.penguinmails.templates;

import jakarta.validation.constraints.Size;

/**
 * What a message says, as a step or template editor holds it before saving: the subject
 * and body in Liquid with spintax.
 *
 * @param subject one line
 * @param html the HTML body (ignored when {@code plainText})
 * @param text the plain-text body: the whole message when {@code plainText}, else the
 * text alternative (null or blank: derived from the HTML)
 * @param plainText whether the message is sent as text/plain only
 */
public record Content(String subject, @Size(max = 1_000_000) String html, @Size(max = 1_000_000) String text,
		boolean plainText) {

	/** The HTML that is sent: null for a plain-text message. */
	public String sentHtml() {
		return plainText || html == null || html.isBlank() ? null : html;
	}

}
