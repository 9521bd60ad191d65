package com.penguinmails.alerts.internal;

import java.time.Instant;
import java.time.LocalTime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Quiet hours: same-day and overnight windows, time zones, daylight saving. */
class QuietHoursTests {

	private static QuietHours window(String zone, String from, String to) {
		return QuietHours.of(zone, LocalTime.parse(from), LocalTime.parse(to)).orElseThrow();
	}

	@Test
	void anOvernightWindowHoldsUntilTheNextMorningInItsZone() {
		QuietHours night = window("Europe/Paris", "22:00", "07:00");
		// 23:30 in Paris (UTC+1 in December) → 07:00 the next day, 06:00 UTC.
		assertThat(night.endOfWindowHolding(Instant.parse("2026-12-02T22:30:00Z")))
			.contains(Instant.parse("2026-12-03T06:00:00Z"));
		// 03:00 in Paris → 07:00 the same day.
		assertThat(night.endOfWindowHolding(Instant.parse("2026-12-03T02:00:00Z")))
			.contains(Instant.parse("2026-12-03T06:00:00Z"));
		assertThat(night.endOfWindowHolding(Instant.parse("2026-12-03T06:00:00Z"))).as("the end is not quiet")
			.isEmpty();
		assertThat(night.endOfWindowHolding(Instant.parse("2026-12-03T12:00:00Z"))).isEmpty();
	}

	@Test
	void aSameDayWindowHoldsUntilItsEnd() {
		QuietHours lunch = window("UTC", "12:00", "13:30");
		assertThat(lunch.endOfWindowHolding(Instant.parse("2026-12-02T12:00:00Z")))
			.contains(Instant.parse("2026-12-02T13:30:00Z"));
		assertThat(lunch.endOfWindowHolding(Instant.parse("2026-12-02T11:59:59Z"))).isEmpty();
	}

	@Test
	void theEndFollowsDaylightSaving() {
		QuietHours night = window("America/New_York", "22:00", "07:00");
		// The night of 2026-03-08, clocks go forward: 07:00 EDT is 11:00 UTC (not 12:00).
		assertThat(night.endOfWindowHolding(Instant.parse("2026-03-08T04:00:00Z")))
			.contains(Instant.parse("2026-03-08T11:00:00Z"));
	}

	@Test
	void aWindowWithoutBothEndsOrAZoneIsNone() {
		assertThat(QuietHours.of(null, LocalTime.NOON, LocalTime.MIDNIGHT)).isEmpty();
		assertThat(QuietHours.of("UTC", LocalTime.NOON, null)).isEmpty();
		assertThat(QuietHours.of("UTC", LocalTime.NOON, LocalTime.NOON)).isEmpty();
	}

}
