package com.penguinmails.warmup.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SendingWindowTests {

	private static final LocalDate DAY = LocalDate.of(2027, 3, 10);

	private static final SendingWindow PARIS = new SendingWindow(LocalTime.of(8, 0), LocalTime.of(18, 0),
			"Europe/Paris");

	private static Instant paris(int hour, int minute) {
		return DAY.atTime(hour, minute).atZone(ZoneId.of("Europe/Paris")).toInstant();
	}

	@Test
	void randomTimesFallInsideTheWindowInTheMailboxesTimeZone() {
		List<Instant> times = PARIS.times(DAY, paris(0, 0), 500, true, new Random(1));
		assertThat(times).hasSize(500)
			.allSatisfy(time -> assertThat(time).isBetween(paris(8, 0), paris(17, 59).plusSeconds(59)));
		assertThat(times.stream().distinct().count()).isGreaterThan(490);
	}

	@Test
	void evenlySpacedTimesStartAtTheWindowsStart() {
		assertThat(PARIS.times(DAY, paris(0, 0), 4, false, new Random(2))).containsExactly(paris(8, 0), paris(10, 30),
				paris(13, 0), paris(15, 30));
	}

	@Test
	void aWindowAlreadyBegunPlansFromNowAndOneOverPlansNow() {
		assertThat(PARIS.times(DAY, paris(16, 0), 2, false, new Random(3))).containsExactly(paris(16, 0), paris(17, 0));
		assertThat(PARIS.times(DAY, paris(19, 0), 2, false, new Random(3))).containsOnly(paris(19, 0));
	}

	@Test
	void aWindowEndingBeforeItsStartRunsPastMidnightAndAnUnknownZoneIsUtc() {
		SendingWindow night = new SendingWindow(LocalTime.of(22, 0), LocalTime.of(2, 0), "Nowhere/Atlantis");
		Instant start = DAY.atTime(22, 0).toInstant(java.time.ZoneOffset.UTC);
		assertThat(night.times(DAY, start.minusSeconds(3600), 2, false, new Random(4))).containsExactly(start,
				start.plusSeconds(7200));
	}

}
