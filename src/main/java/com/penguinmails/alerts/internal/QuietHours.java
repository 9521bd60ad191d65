package com.penguinmails.alerts.internal;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A channel's quiet hours: from {@code from} to {@code to}, local time in {@code zone}; a
 * window whose end is not after its start spans midnight (22:00 to 07:00). Daylight
 * saving follows the zone's rules ({@link ZonedDateTime} moves a time in a gap forward).
 */
record QuietHours(ZoneId zone, LocalTime from, LocalTime to) {

	/** The window of a stored channel, or empty when it has none. */
	static Optional<QuietHours> of(String zone, LocalTime from, LocalTime to) {
		if (zone == null || zone.isBlank() || from == null || to == null || from.equals(to)) {
			return Optional.empty();
		}
		return Optional.of(new QuietHours(ZoneId.of(zone), from, to));
	}

	/**
	 * When the window that holds {@code now} ends, or empty when {@code now} is outside
	 * the window.
	 */
	Optional<Instant> endOfWindowHolding(Instant now) {
		ZonedDateTime local = now.atZone(zone);
		LocalTime time = local.toLocalTime();
		boolean overnight = !to.isAfter(from);
		boolean inside = overnight ? (!time.isBefore(from) || time.isBefore(to))
				: (!time.isBefore(from) && time.isBefore(to));
		if (!inside) {
			return Optional.empty();
		}
		ZonedDateTime end = local.toLocalDate().atTime(to).atZone(zone);
		if (!end.toInstant().isAfter(now)) {
			end = local.toLocalDate().plusDays(1).atTime(to).atZone(zone);
		}
		return Optional.of(end.toInstant());
	}

}
