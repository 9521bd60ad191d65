package com.penguinmails.campaigns;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import com.penguinmails.campaigns.Campaign.Schedule;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new campaign's schedule: the person's time zone, weekdays, a window containing now.
 */
class ScheduleDefaultsTests {

	@Test
	void officeHoursInThePersonsZoneWhenNowIsInside() {
		// 10:00 UTC is 11:00 in Paris.
		Schedule schedule = Schedule.defaults(ZoneId.of("Europe/Paris"), Instant.parse("2026-11-30T10:00:00Z"));
		assertThat(schedule.timeZone()).isEqualTo("Europe/Paris");
		assertThat(schedule.days()).containsExactly(1, 2, 3, 4, 5);
		assertThat(schedule.windowStart()).isEqualTo(LocalTime.of(9, 0));
		assertThat(schedule.windowEnd()).isEqualTo(LocalTime.of(17, 0));
	}

	@Test
	void anEveningOrEarlyMorningWidensTheWindowToContainNow() {
		// 20:30 in New York on a Monday: until 22:00.
		Schedule evening = Schedule.defaults(ZoneId.of("America/New_York"), Instant.parse("2026-12-01T01:30:00Z"));
		assertThat(evening.windowStart()).isEqualTo(LocalTime.of(9, 0));
		assertThat(evening.windowEnd()).isEqualTo(LocalTime.of(22, 0));
		Schedule late = Schedule.defaults(ZoneId.of("UTC"), Instant.parse("2026-11-30T23:10:00Z"));
		assertThat(late.windowEnd()).isEqualTo(LocalTime.of(23, 59));
		Schedule early = Schedule.defaults(ZoneId.of("UTC"), Instant.parse("2026-11-30T06:45:00Z"));
		assertThat(early.windowStart()).isEqualTo(LocalTime.of(6, 0));
		assertThat(early.windowEnd()).isEqualTo(LocalTime.of(17, 0));
	}

}
