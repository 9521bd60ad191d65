package com.penguinmails.alerts;

import java.time.Instant;
import java.util.UUID;

/**
 * One alert of a workspace.
 *
 * @param type the raiser's stable key, dotted lower case ({@code "domain.dns_failing"},
 * see {@link AlertTypes}); {@code "general"} for alerts raised before types existed
 * @param severity {@code info}, {@code warning} or {@code critical}
 * @param link the application path with the details and fixes
 * @param status {@code open}, {@code acknowledged} or {@code resolved}
 * @param acknowledgedBy who acknowledged it, in words (an address, "API key", "link sent
 * to Slack 'On call'"), or null
 * @param escalationStep the escalation step reached (0 when no policy routes it)
 */
public record Alert(UUID id, String type, String severity, String title, String body, String link, Instant createdAt,
		Instant readAt, String status, Instant acknowledgedAt, String acknowledgedBy, Instant resolvedAt,
		String resolvedBy, int escalationStep) {

	/** Whether nobody has acknowledged or resolved it yet. */
	public boolean open() {
		return "open".equals(status);
	}

}
