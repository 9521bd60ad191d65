package com.penguinmails.backups.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.penguinmails.backups.BackupProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention over a synthetic series: the newest backup of each of the last 7 days, 4 ISO
 * weeks and 12 months that have one; everything else goes.
 */
class RetentionTests {

	@Test
	void keepsSevenDailiesFourWeekliesAndTwelveMonthliesOfADailySeries() {
		// One backup a day at 03:00 UTC for 400 days, ending Wednesday 2026-12-02, plus a
		// manual one that afternoon.
		Instant last = Instant.parse("2026-12-02T03:00:00Z");
		List<Retention.Item> items = new ArrayList<>();
		for (int day = 0; day < 400; day++) {
			items.add(item(last.minus(Duration.ofDays(day))));
		}
		Retention.Item manual = item(Instant.parse("2026-12-02T15:30:00Z"));
		items.add(manual);

		Set<UUID> kept = Retention.keep(items, new BackupProperties.Keep(7, 4, 12));

		List<String> days = items.stream()
			.filter(i -> kept.contains(i.id()))
			.map(i -> i.startedAt().toString())
			.sorted()
			.toList();
		assertThat(days).containsExactly(
				// monthly: the newest of each of the last 12 months (December's and
				// November's are dailies)
				"2026-01-31T03:00:00Z", "2026-02-28T03:00:00Z", "2026-03-31T03:00:00Z", "2026-04-30T03:00:00Z",
				"2026-05-31T03:00:00Z", "2026-06-30T03:00:00Z", "2026-07-31T03:00:00Z", "2026-08-31T03:00:00Z",
				"2026-09-30T03:00:00Z", "2026-10-31T03:00:00Z",
				// weekly: the newest of each of the last 4 ISO weeks (Sundays; the two
				// newest weeks' are dailies)
				"2026-11-15T03:00:00Z", "2026-11-22T03:00:00Z",
				// daily: the newest of each of the last 7 days
				"2026-11-26T03:00:00Z", "2026-11-27T03:00:00Z", "2026-11-28T03:00:00Z", "2026-11-29T03:00:00Z",
				"2026-11-30T03:00:00Z", "2026-12-01T03:00:00Z", "2026-12-02T15:30:00Z");
		assertThat(kept).contains(manual.id()).hasSize(19);
	}

	@Test
	void keepsEverythingWhileThereAreFewerBackupsThanPeriods() {
		List<Retention.Item> items = List.of(item(Instant.parse("2026-12-01T03:00:00Z")),
				item(Instant.parse("2026-12-02T03:00:00Z")));

		assertThat(Retention.keep(items, new BackupProperties.Keep(7, 4, 12))).hasSize(2);
	}

	@Test
	void keepsNothingExtraWhenEveryRuleIsZeroButOne() {
		List<Retention.Item> items = List.of(item(Instant.parse("2026-12-01T03:00:00Z")),
				item(Instant.parse("2026-12-02T03:00:00Z")), item(Instant.parse("2026-12-02T04:00:00Z")));

		assertThat(Retention.keep(items, new BackupProperties.Keep(1, 0, 0))).containsExactly(items.get(2).id());
	}

	private static Retention.Item item(Instant at) {
		return new Retention.Item(UUID.randomUUID(), at, "/backups/" + at);
	}

}
