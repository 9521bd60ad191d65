package com.penguinmails.templates;

import java.time.Instant;
import java.util.UUID;

/**
 * A template at one version. {@code text} is null when the plain text is generated from
 * the HTML.
 */
public record EmailTemplate(UUID id, String name, int version, String subject, String html, String text,
		Instant updatedAt) {
}
