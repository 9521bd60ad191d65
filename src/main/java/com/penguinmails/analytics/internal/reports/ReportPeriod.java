package com.penguinmails.analytics.internal.reports;

import java.time.LocalDate;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

import com.penguinmails.shared.StoredValue;

/**
 * The period a scheduled report covers: whole days in the workspace's time zone that
 * ended before the day of the run, so a report never shows a day still going on.
 */
public enum ReportPeriod implements StoredValue {

	LAST_DAY("last_day", "The day before"), LAST_7_DAYS("last_7_days", "The 7 days before"),
	LAST_30_DAYS("last_30_days", "The 30 days before"), LAST_MONTH("last_month", "The previous calendar month");

	/**
	 * A period of whole days.
	 *
	 * @param from the first day, inclusive
	 * @param to the last day, inclusive
	 */
	public record Days(LocalDate from, LocalDate to) {
	}

	private final String value;

	private final String label;

	ReportPeriod(String value, String label) {
		this.value = value;
		this.label = label;
	}

	@Override
	@JsonValue
	public String value() {
		return value;
	}

	/** The period in words. */
	public String label() {
		return label;
	}

	/**
	 * The days covered by a run on {@code runDay} (the local date of the run): the day
	 * before, the 7 or 30 days up to the day before, or the calendar month before
	 * {@code runDay}'s month.
	 */
	public Days covering(LocalDate runDay) {
		LocalDate yesterday = runDay.minusDays(1);
		return switch (this) {
			case LAST_DAY -> new Days(yesterday, yesterday);
			case LAST_7_DAYS -> new Days(runDay.minusDays(7), yesterday);
			case LAST_30_DAYS -> new Days(runDay.minusDays(30), yesterday);
			case LAST_MONTH -> {
				LocalDate first = runDay.withDayOfMonth(1).minusMonths(1);
				yield new Days(first, first.plusMonths(1).minusDays(1));
			}
		};
	}

	/** The period whose {@link #value()} this is, ignoring case. */
	public static Optional<ReportPeriod> of(String value) {
		for (ReportPeriod period : values()) {
			if (period.value.equalsIgnoreCase(value == null ? "" : value.strip())) {
				return Optional.of(period);
			}
		}
		return Optional.empty();
	}

}
