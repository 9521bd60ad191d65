package com.penguinmails.reputation.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.penguinmails.reputation.ReputationTimeline;
import com.penguinmails.reputation.internal.timeline.DailyFigure;
import com.penguinmails.reputation.internal.timeline.ScoreRules;
import com.penguinmails.reputation.internal.timeline.Subjects;

/** A timeline as the page shows it: the table's cells in words and the chart's series. */
final class TimelineRows {

	private TimelineRows() {
	}

	/**
	 * One day of the table: the score and each figure (in the timeline's names) in words
	 * ("—" for none); blank when the day has no figure and no score (a phone leaves it
	 * out).
	 */
	record Row(LocalDate day, String score, List<String> cells, boolean blank) {
	}

	static List<Row> rows(ReputationTimeline.Timeline timeline) {
		List<Row> rows = new ArrayList<>();
		for (ReputationTimeline.Day day : timeline.days()) {
			List<String> cells = new ArrayList<>();
			for (String name : timeline.names()) {
				ReputationTimeline.Figure f = day.figures().get(name);
				cells.add(f == null ? "—" : words(f));
			}
			rows.add(new Row(day.day(), day.score() == null ? "—" : String.valueOf(day.score().score()), cells,
					day.score() == null && day.figures().isEmpty()));
		}
		return rows;
	}

	/**
	 * A figure in words: a rate as a percentage, a count as a whole number, with its
	 * text.
	 */
	static String words(ReputationTimeline.Figure f) {
		if (Subjects.isRate(f.name())) {
			return ScoreRules.percent(f.value());
		}
		String number = f.value() == Math.rint(f.value()) ? String.valueOf((long) f.value())
				: String.format(Locale.ROOT, "%.2f", f.value());
		if (f.text() == null || f.text().isBlank()) {
			return number;
		}
		return f.name().equals(DailyFigure.BLOCKLIST_LISTINGS) || f.name().startsWith("postmaster_")
				|| f.name().equals(DailyFigure.SNDS_COLOUR) ? f.text() : number + " (" + f.text() + ")";
	}

	/**
	 * The chart: the score (0–100, left axis) and the daily counts of sent, delivered,
	 * bounced (all reasons), complaints and DMARC-reported messages (right axis; the
	 * DMARC series only when some day has it, else null).
	 */
	static Map<String, Object> chart(ReputationTimeline.Timeline timeline) {
		List<String> days = new ArrayList<>();
		List<Integer> score = new ArrayList<>();
		List<Double> sent = new ArrayList<>();
		List<Double> delivered = new ArrayList<>();
		List<Double> bounced = new ArrayList<>();
		List<Double> complaints = new ArrayList<>();
		List<Double> dmarc = new ArrayList<>();
		for (ReputationTimeline.Day day : timeline.days()) {
			days.add(day.day().toString());
			score.add(day.score() == null ? null : day.score().score());
			sent.add(value(day, DailyFigure.SENT));
			delivered.add(value(day, DailyFigure.DELIVERED));
			complaints.add(value(day, DailyFigure.COMPLAINTS));
			dmarc.add(value(day, DailyFigure.DMARC_MESSAGES));
			bounced.add(day.figures()
				.values()
				.stream()
				.filter(f -> f.name().startsWith(DailyFigure.BOUNCED_PREFIX))
				.mapToDouble(ReputationTimeline.Figure::value)
				.sum());
		}
		Map<String, Object> chart = new LinkedHashMap<>();
		chart.put("days", days);
		chart.put("score", score);
		chart.put("sent", sent);
		chart.put("delivered", delivered);
		chart.put("bounced", bounced);
		chart.put("complaints", complaints);
		chart.put("dmarc", dmarc.stream().anyMatch(v -> v > 0) ? dmarc : null);
		return chart;
	}

	private static double value(ReputationTimeline.Day day, String name) {
		ReputationTimeline.Figure f = day.figures().get(name);
		return f == null ? 0 : f.value();
	}

}
