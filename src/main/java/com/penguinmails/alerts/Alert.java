package com.penguinmails.alerts;

import java.time.Instant;
import java.util.UUID;

/** One in-app alert. */
public record Alert(UUID id, String severity, String title, String body, String link, Instant createdAt,
		Instant readAt) {
}
