package com.penguinmails.analytics.internal.reports;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;

/**
 * When a scheduled report runs next: the first instant strictly after a given one at
 * which the workspace's wall clock shows the schedule's day and time. Pure: no clock, no
 * database.
 * <p>
 * Daylight saving time (the rules of the IANA time zone database, as {@link ZoneId} has
 * them): a local time that does not exist on a spring-forward day (02:30 in Paris on the
 * last Sunday of March) runs at the next valid instant, the end of the gap (03:00 local);
 * a local time that happens twice on a fall-back day runs once, at its first occurrence
 * (the earlier offset).
 */
public final class NextRun {

	private NextRun() {
	}

	/**
	 * A schedule's timing.
	 *
	 * @param cadence daily, weekly or monthly
	 * @param dayOfWeek ISO weekday 1 (Monday) to 7, for weekly; else ignored
	 * @param dayOfMonth 1 to 28, for monthly; else ignored
	 * @param time the local time of day
	 * @param zone the workspace's time zone
	 */
	public record Timing(ReportCadence cadence, Integer dayOfWeek, Integer dayOfMonth, LocalTime time, ZoneId zone) {
	}

	/** The first run strictly after {@code after}. */
	public static Instant after(Instant after, Timing timing) {
		LocalDate day = LocalDate.ofInstant(after, timing.zone());
		// At most a month and a bit ahead; a day earlier too, for a zone whose offset
		// moves
		// a run's instant before its local date.
		for (LocalDate candidate = day.minusDays(1); !candidate.isAfter(day.plusDays(62)); candidate = candidate
			.plusDays(1)) {
			if (!matches(candidate, timing)) {
				continue;
			}
			Instant at = at(candidate, timing.time(), timing.zone());
			if (at.isAfter(after)) {
				return at;
			}
		}
		throw new IllegalStateException("no run within two months of " + after + " for " + timing);
	}

	/**
	 * The instant the wall clock of {@code zone} shows {@code time} on {@code day}: the
	 * end of the gap when that time does not exist, the first occurrence when it happens
	 * twice.
	 */
	public static Instant at(LocalDate day, LocalTime time, ZoneId zone) {
		LocalDateTime local = day.atTime(time);
		ZoneOffsetTransition transition = zone.getRules().getTransition(local);
		if (transition != null && transition.isGap()) {
			return transition.getInstant();
		}
		// An overlap resolves to the earlier offset: the first occurrence.
		return local.atZone(zone).toInstant();
	}

	private static boolean matches(LocalDate day, Timing timing) {
		return switch (timing.cadence()) {
			case DAILY -> true;
			case WEEKLY -> day.getDayOfWeek() == DayOfWeek.of(timing.dayOfWeek());
			case MONTHLY -> day.getDayOfMonth() == timing.dayOfMonth();
		};
	}

}
