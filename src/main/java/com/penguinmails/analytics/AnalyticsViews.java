package com.penguinmails.analytics;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The shapes of the workspace analytics views (pages and the API). */
public final class AnalyticsViews {

	private AnalyticsViews() {
	}

	/**
	 * The period's figures, the previous period's (same length, just before) for trends,
	 * and the figures per day of the period (every day, zeros included).
	 */
	public record Overview(LocalDate from, LocalDate to, String zone, Totals totals, Totals previous, List<Day> days) {
	}

	/** One day's figures. */
	public record Day(LocalDate day, Totals totals) {
	}

	/**
	 * One stage of the funnel: people at it, the fraction of people contacted, and of the
	 * stage before (null when the stage before has nobody: opens and clicks are not
	 * tracked for campaigns with tracking off).
	 */
	public record Stage(String name, long people, double ofContacted, Double ofPrevious) {
	}

	/**
	 * One cell of the send-time heatmap: messages sent at this weekday and hour of the
	 * recipient's day, replies to them, and the reply rate (replies per message sent).
	 *
	 * @param weekday 1 = Monday ... 7 = Sunday (ISO 8601)
	 * @param hour 0-23, the recipient's local time when the message was sent
	 */
	public record Cell(int weekday, int hour, long sent, long replied, double replyRate) {
	}

	/**
	 * The heatmap: all 168 cells, and the best sending hours with their evidence (cells
	 * with at least {@code minimumSent} messages, best reply rate first).
	 */
	public record Heatmap(List<Cell> cells, List<Cell> best, long minimumSent) {
	}

	/**
	 * One row of a league table or breakdown.
	 *
	 * @param key the mailbox or campaign id, the domain, or the provider's value
	 * @param label what the row is in words
	 */
	public record Entry(String key, String label, Totals totals) {
	}

	/**
	 * One cohort: people first contacted in the period and people who first replied in
	 * it, of those whose first message belongs to the cohort.
	 *
	 * @param cohort the key: a week's Monday ({@code 2026-10-05}) or a mailbox's age in
	 * whole weeks ({@code 3})
	 * @param label the cohort in words
	 * @param replyRate replied over contacted (may pass 1 when the period holds replies
	 * of people contacted before it)
	 */
	public record Cohort(String cohort, String label, long contacted, long replied, double replyRate) {
	}

	/**
	 * One variant of one step of a campaign (A/B history).
	 *
	 * @param step 1-based
	 * @param variant A, B, C...
	 */
	public record VariantEntry(UUID campaignId, String campaign, int step, String variant, Totals totals) {
	}

}
