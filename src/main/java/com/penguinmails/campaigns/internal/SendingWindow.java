package com.penguinmails.campaigns.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * A campaign's sending window in one time zone: days of the week and a time of day.
 * Computed on zoned date-times, so a DST change moves the window with the local clock.
 */
public record SendingWindow(ZoneId zone, Set<DayOfWeek> days, LocalTime start, LocalTime end) {

	public static SendingWindow of(ZoneId zone, Collection<Integer> isoDays, LocalTime start, LocalTime end) {
		Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
		isoDays.forEach(day -> days.add(DayOfWeek.of(day)));
		return new SendingWindow(zone, days, start, end);
	}

	/** {@code at} itself when the window is open then, else the next opening. */
	public Instant nextOpen(Instant at) {
		LocalDate today = at.atZone(zone).toLocalDate();
		for (int i = 0; i <= 7; i++) {
			LocalDate date = today.plusDays(i);
			if (!days.contains(date.getDayOfWeek())) {
				continue;
			}
			Instant open = ZonedDateTime.of(date, start, zone).toInstant();
			Instant close = ZonedDateTime.of(date, end, zone).toInstant();
			if (at.isBefore(open)) {
				return open;
			}
			if (at.isBefore(close)) {
				return at;
			}
		}
		throw new IllegalStateException("A sending window has at least one day");
	}

	public boolean isOpen(Instant at) {
		return nextOpen(at).equals(at);
	}

}
