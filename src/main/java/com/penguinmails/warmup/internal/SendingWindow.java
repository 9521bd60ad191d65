package com.penguinmails.warmup.internal;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A mailbox's daily sending window {@code [start, end)} in its time zone (an end at or
 * before the start runs past midnight; an unknown zone counts as UTC).
 */
public record SendingWindow(LocalTime start, LocalTime end, String timeZone) {

	/**
	 * {@code count} send times on {@code day}: uniformly random within the window when
	 * {@code random}, else evenly spaced from its start; only from {@code now} on when
	 * the window has already begun, and all at {@code now} once it is over.
	 */
	public List<Instant> times(LocalDate day, Instant now, int count, boolean randomTimes, Random random) {
		ZoneId zone = zone();
		Instant from = day.atTime(start).atZone(zone).toInstant();
		Instant to = day.atTime(end).atZone(zone).toInstant();
		if (!to.isAfter(from)) {
			to = day.plusDays(1).atTime(end).atZone(zone).toInstant();
		}
		if (!now.isBefore(to)) {
			from = now;
			to = now.plusSeconds(1);
		}
		else if (now.isAfter(from)) {
			from = now;
		}
		long span = Math.max(1, Duration.between(from, to).toSeconds());
		List<Instant> times = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			long offset = randomTimes ? (long) (random.nextDouble() * span) : span * i / Math.max(1, count);
			times.add(from.plusSeconds(offset));
		}
		return times;
	}

	private ZoneId zone() {
		try {
			return ZoneId.of(timeZone);
		}
		catch (DateTimeException | NullPointerException ex) {
			return ZoneOffset.UTC;
		}
	}

}
