package com.penguinmails.dashboard;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The home dashboard of a workspace: what needs attention first, then the figures of
 * today, the last 7 and the last 30 days (UTC days, today included), the mailboxes by
 * state, the domains by health and the sends and replies of each of the last 30 days.
 *
 * @param mailboxes how many mailboxes are {@code active}, {@code paused} and in
 * {@code error}
 * @param domains how many domains are {@code verified}, {@code pending} (not verified
 * yet) and {@code failing}
 */
public record Summary(List<Attention> needsAttention, Figures today, Figures last7Days, Figures last30Days,
		Map<String, Long> mailboxes, Map<String, Long> domains, List<ChartDay> chart) {

	/**
	 * Something to look at: an unread {@code alert}, a {@code mailbox} paused or in error
	 * (with why), a {@code campaign} that runs with no mailbox able to send.
	 *
	 * @param link the page where it is dealt with
	 */
	public record Attention(String kind, String text, String link) {
	}

	/** One UTC day of the chart. */
	public record ChartDay(LocalDate day, long sent, long replied) {
	}

}
