package com.penguinmails.templates;

import java.util.List;

/**
 * A template rendered for one contact.
 *
 * @param missing variables used without a value and without a default: the message must
 * not be sent (strict mode), and the preview shows them as warnings
 */
public record Rendered(String subject, String html, String text, List<String> missing) {

	public boolean sendable() {
		return missing.isEmpty();
	}

}
