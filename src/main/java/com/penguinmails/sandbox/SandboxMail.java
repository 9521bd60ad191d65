package com.penguinmails.sandbox;

import java.time.Instant;
import java.util.List;

/** One message the sandbox caught, as shown on {@code /sandbox/mail}. */
public record SandboxMail(int index, String from, List<String> to, String subject, Instant receivedAt, String text,
		String html) {
}
