package com.penguinmails.campaigns.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.MailboxStatus;

/**
 * Before launch: how long the first step takes to reach every recipient at the pool's
 * caps and gaps, the campaign's daily limit and its sending window ("at these caps and
 * windows, 44 recipients take 2 days"), and when the last step is due. Pure: no database,
 * no clock. An estimate, by the planner's rules: each mailbox sends at most its daily cap
 * a day and, in a window of W seconds, about W / its mean gap.
 */
public final class SendEstimate {

	/** An estimate's first step longer than this many days is worth a warning. */
	public static final int LONG_DAYS = 7;

	private SendEstimate() {
	}

	/**
	 * The estimate.
	 *
	 * @param perDay messages the pool can send on a sending day (0: it cannot send)
	 * @param days calendar days until every recipient has had the first step (0 when it
	 * never will)
	 * @param firstStepDone when the last first message goes, or null when never
	 * @param sequenceDone when the last step of the last recipient is due, or null
	 */
	public record Estimate(long recipients, int perDay, int days, Instant firstStepDone, Instant sequenceDone) {

		/** Whether it takes long enough to warn (more than {@link #LONG_DAYS} days). */
		public boolean takesLong() {
			return perDay == 0 || days > LONG_DAYS;
		}

	}

	/** Estimates from {@code from} (the launch, or the start time when later). */
	public static Estimate estimate(Campaign campaign, List<Mailbox> pool, long recipients, Instant from) {
		int perDay = perDay(campaign, pool);
		if (recipients == 0 || perDay == 0) {
			return new Estimate(recipients, perDay, 0, null, null);
		}
		SendingWindow window = SendDiagnosis.window(campaign);
		long left = recipients;
		LocalDate date = from.atZone(window.zone()).toLocalDate();
		Instant done = null;
		for (int i = 0; i < 3660 && done == null; i++, date = date.plusDays(1)) {
			if (!window.days().contains(date.getDayOfWeek())) {
				continue;
			}
			Instant open = ZonedDateTime.of(date, window.start(), window.zone()).toInstant();
			Instant close = ZonedDateTime.of(date, window.end(), window.zone()).toInstant();
			if (!close.isAfter(from)) {
				continue;
			}
			Instant start = open.isBefore(from) ? from : open;
			double share = (double) Duration.between(start, close).toSeconds()
					/ Math.max(1, Duration.between(open, close).toSeconds());
			long today = Math.max(1, Math.round(perDay * share));
			if (today >= left) {
				long seconds = Duration.between(start, close).toSeconds() * left / today;
				done = start.plusSeconds(seconds);
			}
			left -= today;
		}
		if (done == null) {
			return new Estimate(recipients, perDay, 0, null, null);
		}
		int days = (int) Math.max(1, (Duration.between(from, done).toHours() + 23) / 24);
		long delays = campaign.steps().stream().skip(1).mapToLong(Campaign.Step::delayMinutes).sum();
		return new Estimate(recipients, perDay, days, done, done.plus(Duration.ofMinutes(delays)));
	}

	/**
	 * Messages a sending day allows: per active mailbox, its cap or what its mean gap
	 * lets it send in the window, whichever is fewer; then the campaign's daily limit.
	 */
	static int perDay(Campaign campaign, List<Mailbox> pool) {
		Campaign.Schedule schedule = campaign.schedule();
		long window = Duration.between(schedule.windowStart(), schedule.windowEnd()).toSeconds();
		long total = 0;
		for (Mailbox mailbox : pool) {
			if (mailbox.status() != MailboxStatus.ACTIVE) {
				continue;
			}
			double gap = (Math.max(0, mailbox.minGapSeconds()) + Math.max(0, mailbox.maxGapSeconds())) / 2.0;
			long byGap = gap <= 0 ? Long.MAX_VALUE : 1 + (long) (window / gap);
			total += Math.min(mailbox.dailyCap(), byGap);
		}
		Integer limit = schedule.dailyLimit();
		return (int) Math.min(Integer.MAX_VALUE, limit == null ? total : Math.min(total, limit));
	}

}
