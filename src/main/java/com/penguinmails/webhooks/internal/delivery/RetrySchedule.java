package com.penguinmails.webhooks.internal.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * The published retry schedule: after failed attempt n the next one waits
 * {@link #DELAYS}[n - 1] (immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24
 * h: 11 attempts over about three days), with ±10 % jitter; after the 11th the delivery
 * has failed. A 429 or 503 with {@code Retry-After} waits at least that long, capped at
 * 24 h.
 */
public final class RetrySchedule {

	/** The wait before attempt n + 1 after a failed attempt n (index n - 1). */
	public static final List<Duration> DELAYS = List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5),
			Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10),
			Duration.ofHours(14), Duration.ofHours(20), Duration.ofHours(24));

	/** The longest wait a {@code Retry-After} can ask for. */
	public static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);

	private RetrySchedule() {
	}

	/**
	 * When to try again after failed attempt {@code attempts} (1-based), or empty when it
	 * was the last.
	 * @param retryAfter the receiver's {@code Retry-After} (429 or 503), if any
	 * @param random a uniform value in [0, 1) for the jitter
	 */
	public static Optional<Instant> next(int attempts, Instant now, Duration retryAfter, DoubleSupplier random) {
		if (attempts < 1 || attempts > DELAYS.size()) {
			return Optional.empty();
		}
		Duration base = DELAYS.get(attempts - 1);
		// ±10 % around the schedule.
		long millis = Math.round(base.toMillis() * (0.9 + 0.2 * random.getAsDouble()));
		Duration wait = Duration.ofMillis(millis);
		if (retryAfter != null) {
			Duration asked = retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
			// Never before what the receiver asked nor before the schedule's own minimum.
			Duration floor = asked.compareTo(base) > 0 ? asked : base;
			if (wait.compareTo(floor) < 0) {
				wait = floor;
			}
		}
		return Optional.of(now.plus(wait));
	}

	/**
	 * The wait a {@code Retry-After} header asks for (RFC 9110 §10.2.3: delay-seconds or
	 * an HTTP-date); empty when absent or unreadable.
	 */
	public static Optional<Duration> retryAfter(String header, Instant now) {
		if (header == null || header.isBlank()) {
			return Optional.empty();
		}
		String value = header.strip();
		if (value.chars().allMatch(Character::isDigit)) {
			try {
				return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
			}
			catch (NumberFormatException ex) {
				return Optional.of(MAX_RETRY_AFTER);
			}
		}
		try {
			Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			Duration wait = Duration.between(now, at);
			return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}

}
