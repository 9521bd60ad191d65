package com.penguinmails.reputation.web;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.penguinmails.reputation.ReputationTimeline;
import com.penguinmails.reputation.internal.timeline.DailyFigure;

import static org.assertj.core.api.Assertions.assertThat;

/** The table's rows and the chart's series of a timeline. */
class TimelineRowsTests {

	static final LocalDate DAY = LocalDate.of(2026, 5, 10);

	@Test
	void aDayWithoutFiguresIsBlankAndDmarcMessagesAreChartedOnlyWhenPresent() {
		ReputationTimeline.Day empty = new ReputationTimeline.Day(DAY.minusDays(1), Map.of(), null, null);
		ReputationTimeline.Day sent = new ReputationTimeline.Day(DAY,
				Map.of(DailyFigure.SENT, new ReputationTimeline.Figure(DailyFigure.SENT, 12, null)), null, null);
		ReputationTimeline.Timeline without = new ReputationTimeline.Timeline("domain", "example.com", "example.com",
				List.of(DailyFigure.SENT, DailyFigure.COMPLAINTS), List.of(empty, sent), null);
		List<TimelineRows.Row> rows = TimelineRows.rows(without);
		assertThat(rows).extracting(TimelineRows.Row::blank).containsExactly(true, false);
		assertThat(rows.get(1).cells()).containsExactly("12", "—");
		assertThat(TimelineRows.chart(without).get("dmarc")).isNull();

		ReputationTimeline.Day reported = new ReputationTimeline.Day(DAY, Map.of(DailyFigure.DMARC_MESSAGES,
				new ReputationTimeline.Figure(DailyFigure.DMARC_MESSAGES, 300, null)), null, null);
		ReputationTimeline.Timeline with = new ReputationTimeline.Timeline("domain", "example.com", "example.com",
				List.of(DailyFigure.DMARC_MESSAGES), List.of(empty, reported), null);
		assertThat(TimelineRows.chart(with).get("dmarc")).isEqualTo(List.of(0.0, 300.0));
	}

}
