package com.penguinmails.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

import com.penguinmails.reputation.RecipientProvider;

/**
 * What workspace analytics look at: a period of whole days in the workspace's time zone
 * and the filters a user picked. Every filter is optional (empty set or null: all).
 *
 * @param from the first day, inclusive
 * @param to the last day, inclusive ({@code to >= from}; at most 400 days later)
 * @param zone the workspace's time zone: days start at its midnight, DST included
 * @param campaignIds campaigns to keep, empty for all
 * @param mailboxIds sending mailboxes to keep, empty for all
 * @param domain a sending domain (lower case): its mailboxes only, or null
 * @param step a sequence step (1-based), or null
 * @param variant an A/B variant (0 = A, 1 = B...), or null
 * @param provider the recipients' mail provider, derived from their domain's MX, or null
 * @param listId contacts on this list only, or null
 * @param tag contacts with this tag only, or null
 */
public record AnalyticsFilter(LocalDate from, LocalDate to, ZoneId zone, Set<UUID> campaignIds, Set<UUID> mailboxIds,
		String domain, Integer step, Integer variant, RecipientProvider provider, UUID listId, String tag) {

	/** The longest period a view covers, in days. */
	public static final int MAX_DAYS = 400;

	public AnalyticsFilter {
		campaignIds = campaignIds == null ? Set.of() : Set.copyOf(campaignIds);
		mailboxIds = mailboxIds == null ? Set.of() : Set.copyOf(mailboxIds);
		if (from == null || to == null || zone == null) {
			throw new IllegalArgumentException("from, to and zone are required");
		}
		if (to.isBefore(from)) {
			throw new IllegalArgumentException("to (" + to + ") is before from (" + from + ")");
		}
		if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
			throw new IllegalArgumentException("a period is at most " + MAX_DAYS + " days");
		}
	}

	/**
	 * The whole period's days, unfiltered: the last {@code days} days up to
	 * {@code today}.
	 */
	public static AnalyticsFilter lastDays(int days, LocalDate today, ZoneId zone) {
		return new AnalyticsFilter(today.minusDays(days - 1L), today, zone, Set.of(), Set.of(), null, null, null, null,
				null, null);
	}

	/** The start of the period: {@code from}'s midnight in {@link #zone()}. */
	public Instant start() {
		return from.atStartOfDay(zone).toInstant();
	}

	/** The end of the period, exclusive: the midnight after {@code to}. */
	public Instant end() {
		return to.plusDays(1).atStartOfDay(zone).toInstant();
	}

	/** Number of days in the period. */
	public int days() {
		return (int) ChronoUnit.DAYS.between(from, to) + 1;
	}

	/** The same filters over the period of equal length just before this one. */
	public AnalyticsFilter previous() {
		return withPeriod(from.minusDays(days()), from.minusDays(1));
	}

	/** The same filters over another period. */
	public AnalyticsFilter withPeriod(LocalDate newFrom, LocalDate newTo) {
		return new AnalyticsFilter(newFrom, newTo, zone, campaignIds, mailboxIds, domain, step, variant, provider,
				listId, tag);
	}

	/** True when a filter other than the period is set. */
	public boolean filtered() {
		return !campaignIds.isEmpty() || !mailboxIds.isEmpty() || domain != null || step != null || variant != null
				|| provider != null || listId != null || tag != null;
	}

}
