package com.penguinmails.campaigns;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Size;

/**
 * A campaign: a pool of mailboxes, a sequence of steps, a schedule and stop conditions.
 *
 * @param status where it is in its lifecycle
 */
public record Campaign(UUID id, String name, CampaignStatus status, Schedule schedule, Stops stops, Tracking tracking,
		List<UUID> mailboxIds, List<Step> steps, Instant createdAt, Instant launchedAt) {

	/**
	 * Open (a 1x1 pixel at the very end of the HTML) and click (links through a signed
	 * redirect) tracking; both off by default, as cold email is best kept plain.
	 *
	 * @param plainText send plain text only: no HTML part, so no pixel, and links stay as
	 * written (no redirect: a plain-text message shows its URLs, and a redirect URL in
	 * place of the real one looks like phishing); {@code opens} and {@code clicks} then
	 * track nothing
	 */
	public record Tracking(boolean opens, boolean clicks, boolean plainText) {

		/** HTML and text alternatives, with the tracking asked. */
		public Tracking(boolean opens, boolean clicks) {
			this(opens, clicks, false);
		}

		public static Tracking off() {
			return new Tracking(false, false, false);
		}

	}

	/**
	 * When messages go out.
	 *
	 * @param timeZone the campaign's IANA time zone
	 * @param contactTimeZone send in each contact's own time zone when it has one
	 * @param days ISO days of the week (1 Monday ... 7 Sunday)
	 * @param windowStart local time sending starts (inclusive)
	 * @param windowEnd local time sending ends (exclusive)
	 * @param startAt not before this instant, or null for at launch
	 * @param dailyLimit at most this many messages of the campaign in 24 hours, or null
	 * @param domainPacePerHour at most this many messages an hour from one mailbox to one
	 * recipient domain
	 */
	public record Schedule(String timeZone, boolean contactTimeZone, List<Integer> days, LocalTime windowStart,
			LocalTime windowEnd, Instant startAt, Integer dailyLimit, int domainPacePerHour) {

		public static Schedule defaults() {
			return new Schedule("UTC", false, List.of(1, 2, 3, 4, 5), LocalTime.of(9, 0), LocalTime.of(17, 0), null,
					null, 20);
		}

		/**
		 * The defaults for a person in {@code zone} at {@code now}: weekdays in their
		 * time zone, 09:00–17:00 widened to contain the current hour (and the next two,
		 * up to 23:59), so a campaign launched now on a weekday starts sending now.
		 */
		public static Schedule defaults(java.time.ZoneId zone, Instant now) {
			LocalTime local = now.atZone(zone).toLocalTime();
			LocalTime hour = LocalTime.of(local.getHour(), 0);
			LocalTime start = hour.isBefore(LocalTime.of(9, 0)) ? hour : LocalTime.of(9, 0);
			LocalTime later = local.getHour() >= 22 ? LocalTime.of(23, 59) : hour.plusHours(2);
			LocalTime end = later.isAfter(LocalTime.of(17, 0)) ? later : LocalTime.of(17, 0);
			return new Schedule(zone.getId(), false, List.of(1, 2, 3, 4, 5), start, end, null, null, 20);
		}

	}

	/** What stops a contact's sequence (reply by default). */
	public record Stops(boolean onReply, boolean onClick, boolean onBounce, boolean onUnsubscribe, boolean onComplaint,
			boolean companyOnReply, boolean onAutoReply) {

		/**
		 * Without {@code onAutoReply}: an out-of-office (RFC 3834 auto-reply) does not
		 * stop the sequence.
		 */
		public Stops(boolean onReply, boolean onClick, boolean onBounce, boolean onUnsubscribe, boolean onComplaint,
				boolean companyOnReply) {
			this(onReply, onClick, onBounce, onUnsubscribe, onComplaint, companyOnReply, false);
		}

		public static Stops defaults() {
			return new Stops(true, false, true, true, true, false, false);
		}

	}

	/**
	 * A step, sent {@code delayMinutes} after the previous one; a follow-up in the same
	 * thread ("Re: ", In-Reply-To) unless {@code newThread}.
	 *
	 * @param winnerMetric with 2 to 5 variants: pick a winner automatically by
	 * {@code opens}, {@code clicks} or {@code replies}; null to keep splitting evenly
	 * @param minSample messages each variant must have sent before a decision (default
	 * 100)
	 * @param winner the decision once made (read only)
	 */
	public record Step(int delayMinutes, boolean newThread, List<Variant> variants, String winnerMetric,
			Integer minSample, Winner winner) {

		public Step(int delayMinutes, boolean newThread, List<Variant> variants) {
			this(delayMinutes, newThread, variants, null, null, null);
		}

	}

	/**
	 * A step's automatic A/B decision: the winning variant, the metric, the test's
	 * numbers and each variant's figures at the time. Later recipients of the step get
	 * the winner.
	 */
	public record Winner(int variant, String metric, double z, double pValue, List<VariantResult> variants,
			Instant decidedAt) {
	}

	/** A variant's figures: messages sent, recipients who opened/clicked/replied. */
	public record VariantResult(int variant, long sent, long engaged, double rate) {
	}

	/**
	 * One version of a step's message (Liquid and spintax); {@code text} may be null.
	 */
	public record Variant(String subject, @Size(max = 1_000_000) String html, @Size(max = 1_000_000) String text) {
	}

}
