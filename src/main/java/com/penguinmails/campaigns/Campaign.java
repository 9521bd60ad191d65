package com.penguinmails.campaigns;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
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
	 * redirect) tracking; both off by default, as cold email is best kept plain. Only
	 * {@link StepFormat#HTML} steps are tracked: a plain-text step has no HTML part, so
	 * no pixel, and its links stay as written.
	 */
	public record Tracking(boolean opens, boolean clicks) {

		public static Tracking off() {
			return new Tracking(false, false);
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
	 * A step, sent {@code delayMinutes} after the previous one (the first: after the
	 * start); a follow-up in the same thread ("Re: ", In-Reply-To) unless
	 * {@code newThread}.
	 *
	 * @param delayMinutes the delay in minutes, as stored (0 to a year)
	 * @param delayUnit the unit the delay was entered in; when left out, the largest unit
	 * that divides {@code delayMinutes}
	 * @param delay the delay as a whole number of {@code delayUnit}; when given, it
	 * decides {@code delayMinutes} (= delay × the unit's minutes)
	 * @param format {@code text} (the default: a single text/plain part) or {@code html}
	 * @param winnerMetric with 2 to 5 variants: pick a winner automatically by
	 * {@code opens}, {@code clicks} or {@code replies}; null to keep splitting evenly
	 * @param minSample messages each variant must have sent before a decision (default
	 * 100)
	 * @param winner the decision once made (read only)
	 * @param draft an autosaved edit not yet saved (read only here: it is not sent)
	 */
	public record Step(int delayMinutes, DelayUnit delayUnit, @JsonDeserialize(using = WholeNumber.class) Integer delay,
			boolean newThread, StepFormat format, List<Variant> variants, String winnerMetric, Integer minSample,
			Winner winner, StepDraft draft) {

		/**
		 * An HTML step as steps were before formats: the delay's unit the largest that
		 * divides it.
		 */
		public Step(int delayMinutes, boolean newThread, List<Variant> variants) {
			this(delayMinutes, newThread, variants, null, null, null);
		}

		/** An HTML step with an A/B test, as steps were before formats. */
		public Step(int delayMinutes, boolean newThread, List<Variant> variants, String winnerMetric, Integer minSample,
				Winner winner) {
			this(delayMinutes, null, null, newThread, StepFormat.HTML, variants, winnerMetric, minSample, winner, null);
		}

		/** The format, {@link StepFormat#TEXT} when none was given. */
		public StepFormat formatOrDefault() {
			return format == null ? StepFormat.TEXT : format;
		}

		/** The same step with other variants. */
		public Step withVariants(List<Variant> others) {
			return new Step(delayMinutes, delayUnit, delay, newThread, format, others, winnerMetric, minSample, winner,
					draft);
		}

		/** The same step with another draft (null: none). */
		public Step withDraft(StepDraft other) {
			return new Step(delayMinutes, delayUnit, delay, newThread, format, variants, winnerMetric, minSample,
					winner, other);
		}

		/** The same step without its A/B decision. */
		public Step withoutWinner() {
			return new Step(delayMinutes, delayUnit, delay, newThread, format, variants, winnerMetric, minSample, null,
					draft);
		}

	}

	/**
	 * An autosaved, unsaved edit of a step: kept beside the step and shown again, never
	 * sent; saving the step clears it.
	 *
	 * @param step the step as edited
	 * @param savedAt when it was autosaved
	 */
	public record StepDraft(Step step, Instant savedAt) {
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
	 * One version of a step's message (Liquid and spintax); {@code text} may be null
	 * (then derived from the HTML).
	 *
	 * @param templateId the template the content came from, or null when written in place
	 * @param templateLinked true: every send renders the template's latest version (its
	 * edits flow to future sends; subject/html/text keep the last copy); false with a
	 * {@code templateId}: a copy, "copied from" that template
	 * @param source the visual editor's MJML document, or null when written as HTML or
	 * text (stored and returned as given)
	 */
	public record Variant(String subject, @Size(max = 1_000_000) String html, @Size(max = 1_000_000) String text,
			UUID templateId, boolean templateLinked, @Size(max = 1_000_000) String source) {

		/** Content written in place. */
		public Variant(String subject, String html, String text) {
			this(subject, html, text, null, false, null);
		}

		/**
		 * Whether it has no body (neither HTML nor text) and is not linked to a template.
		 */
		public boolean empty() {
			return !templateLinked && (html == null || html.isBlank()) && (text == null || text.isBlank());
		}

	}

	/**
	 * What the campaign's tracking will not see, in words people read, or null when
	 * nothing is lost: with "track opens" or "track clicks" on, a plain-text step
	 * ({@link StepFormat#TEXT}, one {@code text/plain} part, RFC 2046 §4.1) has no HTML
	 * part for the open pixel and its links stay as written, so neither its opens nor its
	 * clicks are counted. Replies, bounces and unsubscribes are seen in every format.
	 */
	public String trackingGap() {
		if (!tracking.opens() && !tracking.clicks()) {
			return null;
		}
		List<Integer> plain = new java.util.ArrayList<>();
		for (int i = 0; i < steps.size(); i++) {
			if (steps.get(i).formatOrDefault() == StepFormat.TEXT) {
				plain.add(i + 1);
			}
		}
		if (plain.isEmpty()) {
			return null;
		}
		String lost = tracking.opens() && tracking.clicks() ? "opens and clicks"
				: tracking.opens() ? "opens" : "clicks";
		String which = plain.size() == steps.size()
				? (steps.size() == 1 ? "The step is" : "All steps are") + " plain text"
				: (plain.size() == 1 ? "Step " : "Steps ")
						+ String.join(", ", plain.stream().map(String::valueOf).toList()) + " "
						+ (plain.size() == 1 ? "is" : "are") + " plain text";
		return which + (plain.size() == 1 ? ": its " : ": their ") + lost
				+ " will not be tracked (plain text has no HTML part for the open pixel"
				+ " and its links are not rewritten). Replies, bounces and unsubscribes are still counted." + " Make "
				+ (plain.size() == 1 ? "it" : "them") + " HTML to track " + lost + ".";
	}

}
