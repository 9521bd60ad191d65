package com.penguinmails.reputation.internal.throttle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the throttling tables from growing forever: provider signals are read over the
 * decision window and the guards' window ({@code guard-window}, 7 days), so they are kept
 * 30 days or twice the guard window, whichever is longer; decisions feed the reputation
 * timeline (up to 366 days) and are kept 400 days. Every node may run it: the deletes are
 * idempotent, in batches of {@value #BATCH} rows.
 */
@Component
class ThrottleHousekeeping {

	/** How long decisions are kept: the timeline shows up to 366 days. */
	static final Duration DECISIONS_KEPT = Duration.ofDays(400);

	static final int BATCH = 10_000;

	private final ThrottleRepository signals;

	private final DecisionRepository decisions;

	private final ThrottleProperties settings;

	private final Clock clock;

	ThrottleHousekeeping(ThrottleRepository signals, DecisionRepository decisions, ThrottleProperties settings,
			Clock clock) {
		this.signals = signals;
		this.decisions = decisions;
		this.settings = settings;
		this.clock = clock;
	}

	/** How long provider signals are kept. */
	Duration signalsKept() {
		Duration twice = settings.guardWindow().multipliedBy(2);
		Duration month = Duration.ofDays(30);
		return twice.compareTo(month) > 0 ? twice : month;
	}

	/**
	 * @return how many signals and decisions were deleted
	 */
	@Scheduled(initialDelayString = "PT9M", fixedDelayString = "PT1H")
	int clean() {
		Instant now = clock.instant();
		int deleted = 0;
		int batch;
		do {
			batch = signals.forgetBefore(now.minus(signalsKept()), BATCH);
			deleted += batch;
		}
		while (batch == BATCH);
		do {
			batch = decisions.forgetBefore(now.minus(DECISIONS_KEPT), BATCH);
			deleted += batch;
		}
		while (batch == BATCH);
		return deleted;
	}

}
