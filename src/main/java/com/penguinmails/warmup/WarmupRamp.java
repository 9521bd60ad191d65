package com.penguinmails.warmup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.penguinmails.warmup.internal.MailboxRow;
import com.penguinmails.warmup.internal.WarmupFigures;
import com.penguinmails.warmup.internal.WarmupFigures.Placements;
import com.penguinmails.warmup.internal.WarmupFigures.RampChange;
import com.penguinmails.warmup.internal.WarmupStore;

/**
 * The closed loop: each day, a warming mailbox whose warmup mail lands in spam too often
 * steps back and holds; it resumes when placement recovers. Each change is kept (shown on
 * the days view).
 * <p>
 * Spam share = spam ÷ (inbox + spam + other + missing) of the mailbox's sent warmup mail
 * of the last 3 warmup days, when at least 5 placements are known. Above the workspace's
 * threshold: ramp − 25 % (not below 25 %), holding from that day, at most one step back
 * per 3 days. While holding, at or below half the threshold: ramp + 25 %; at 100 % the
 * hold ends ("Resumed").
 */
@Service
public class WarmupRamp {

	/** Days of placements the loop looks at, ending on the day adjusted. */
	public static final int WINDOW_DAYS = 3;

	/** Fewer known placements than this and the loop changes nothing. */
	public static final int MIN_KNOWN = 5;

	/** Percentage points of one step back or forward. */
	public static final int STEP = 25;

	/** The lowest ramp percentage. */
	public static final int FLOOR = 25;

	private final WarmupStore store;

	private final WarmupFigures figures;

	WarmupRamp(WarmupStore store, WarmupFigures figures) {
		this.store = store;
		this.figures = figures;
	}

	/**
	 * Adjusts every enabled mailbox for {@code day} (run once a day by the warmup loop;
	 * running it again on the same day changes nothing more).
	 * @return how many mailboxes changed
	 */
	@Transactional
	public int adjust(LocalDate day, Instant now) {
		int changed = 0;
		for (MailboxRow row : store.enabled()) {
			if (row.startedOn() == null || figures.changedOn(row.mailboxId(), day)) {
				continue;
			}
			int threshold = store.settings(row.workspaceId()).spamThresholdPercent();
			Placements placements = figures.placements(row.mailboxId(), day.minusDays(WINDOW_DAYS - 1L), day);
			Optional<RampChange> change = decide(row.rampPercent(), row.holdingSince(), threshold, placements, day);
			if (change.isPresent()) {
				RampChange c = change.get();
				boolean holds = c.toPercent() < 100;
				LocalDate holding = c.toPercent() <= c.fromPercent() && holds ? day : holds ? row.holdingSince() : null;
				store.setRamp(row.mailboxId(), c.toPercent(), holding, now);
				figures.recordChange(row.workspaceId(), row.mailboxId(), c, now);
				changed++;
			}
		}
		return changed;
	}

	/**
	 * What the loop does for one mailbox, or nothing. Pure: the rules of the class.
	 * @param holdingSince the day of the last step back while holding, or null
	 */
	public static Optional<RampChange> decide(int rampPercent, LocalDate holdingSince, int thresholdPercent,
			Placements placements, LocalDate day) {
		int known = placements.known();
		if (known < MIN_KNOWN) {
			return Optional.empty();
		}
		int spam = placements.spam();
		String share = spam + " of " + known + " in spam";
		if (spam * 100L > (long) thresholdPercent * known) {
			boolean recent = holdingSince != null && ChronoUnit.DAYS.between(holdingSince, day) < WINDOW_DAYS;
			if (recent) {
				return Optional.empty();
			}
			int to = Math.max(FLOOR, rampPercent - STEP);
			String reason = to < rampPercent ? "Stepped back to " + to + " %: " + share
					: "Holding at " + to + " %: " + share;
			return Optional.of(new RampChange(day, rampPercent, to, reason));
		}
		if (holdingSince != null && spam * 200L <= (long) thresholdPercent * known) {
			int to = Math.min(100, rampPercent + STEP);
			String reason = to >= 100 ? "Resumed: " + share : "Raised to " + to + " %: " + share;
			return Optional.of(new RampChange(day, rampPercent, to, reason));
		}
		return Optional.empty();
	}

}
