package com.penguinmails.analytics;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hourly chart's axis: a young campaign's 24 hours end at the current hour, never in
 * the future; an older one's keep their 24 hours.
 */
class ChartAxisTests {

	private static final Instant FIRST = Instant.parse("2026-03-02T09:00:00Z");

	@Test
	void aCampaignOfThreeHoursEndsAtTheCurrentHour() {
		Chart chart = at("2026-03-02T12:40:00Z").of(hours(FIRST, FIRST.plusSeconds(3600)));
		assertThat(chart.unit()).isEqualTo("hour");
		assertThat(chart.points()).hasSize(4);
		assertThat(chart.points().get(0).at()).isEqualTo(FIRST);
		assertThat(chart.points().get(3).at()).isEqualTo(Instant.parse("2026-03-02T12:00:00Z"));
	}

	@Test
	void aDayOldCampaignShowsItsFirst24HoursAndActivityLaterThanThemStill() {
		assertThat(at("2026-03-05T00:00:00Z").of(hours(FIRST)).points()).hasSize(24);
		assertThat(at("2026-03-02T10:00:00Z").of(hours(FIRST, FIRST.plusSeconds(5 * 3600))).points()).hasSize(6);
	}

	private static ChartSeries at(String now) {
		return new ChartSeries(null, null, Clock.fixed(Instant.parse(now), ZoneOffset.UTC));
	}

	private static TreeMap<Instant, long[]> hours(Instant... at) {
		TreeMap<Instant, long[]> hours = new TreeMap<>();
		for (Instant hour : at) {
			hours.put(hour, new long[] { 1, 0, 0, 0, 0, 0 });
		}
		return hours;
	}

}
