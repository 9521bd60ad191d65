package com.penguinmails.campaigns;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A campaign as the campaigns list shows it: status, progress, messages sent, reply and
 * bounce rates by people, last activity.
 *
 * @param recipients everyone enrolled
 * @param done recipients who completed or stopped
 * @param contacted recipients sent at least one step
 * @param sent messages sent (accepted by the receiving server)
 * @param repliers recipients who replied (people, not auto-replies)
 * @param bounced recipients whose address bounced
 * @param lastActivity the latest change of a recipient, else the launch or creation
 */
public record CampaignSummary(Campaign campaign, long recipients, long done, long contacted, long sent, long repliers,
		long bounced, Instant lastActivity) {

	/** The {@code sort} values the list takes; the first is the default. */
	public static final List<String> SORTS = List.of("activity", "name", "status", "progress", "sent", "replies",
			"bounces");

	/** Recipients done, as a fraction of all (0 without recipients). */
	public double progress() {
		return recipients == 0 ? 0 : (double) done / recipients;
	}

	/** Repliers over recipients contacted (0 before anyone is contacted). */
	public double replyRate() {
		return contacted == 0 ? 0 : (double) repliers / contacted;
	}

	/** Bounced recipients over recipients contacted. */
	public double bounceRate() {
		return contacted == 0 ? 0 : (double) bounced / contacted;
	}

	/** A fraction as a percentage a person reads: "12.5%". */
	public static String percent(double fraction) {
		return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
	}

	/**
	 * The order of a {@link #SORTS} value: names A to Z, statuses in lifecycle order,
	 * figures and activity highest or latest first. An unknown value sorts by activity.
	 */
	public static Comparator<CampaignSummary> order(String sort) {
		Comparator<CampaignSummary> byName = Comparator.comparing(s -> s.campaign().name().toLowerCase(Locale.ROOT));
		Comparator<CampaignSummary> order = switch (sort == null ? "" : sort) {
			case "name" -> byName;
			case "status" -> Comparator.comparing((CampaignSummary s) -> s.campaign().status()).thenComparing(byName);
			case "progress" -> Comparator.comparingDouble(CampaignSummary::progress).reversed();
			case "sent" -> Comparator.comparingLong(CampaignSummary::sent).reversed();
			case "replies" -> Comparator.comparingDouble(CampaignSummary::replyRate).reversed();
			case "bounces" -> Comparator.comparingDouble(CampaignSummary::bounceRate).reversed();
			default -> Comparator.comparing(CampaignSummary::lastActivity).reversed();
		};
		return order.thenComparing(byName);
	}

}
