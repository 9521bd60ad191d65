package com.penguinmails.warmup;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs warmup on every node (each part is idempotent or claims its rows, so nodes share
 * it safely). Each minute: closes yesterday (UTC) once — its health is measured and the
 * closed loop decides on its complete placements, so a step back applies from the next
 * day's plan, as the days view shows it — then plans today (and, from noon UTC, tomorrow
 * for the zones already in it), sends what is due and looks for the copies of pending
 * placement tests. Every five minutes it reads the pool's mailboxes. Off with
 * {@code penguinmails.warmup.loop-enabled=false} (tests call the parts with the instants
 * they choose).
 */
@Component
@ConditionalOnProperty(name = "penguinmails.warmup.loop-enabled", havingValue = "true", matchIfMissing = true)
class WarmupLoop {

	private static final Logger log = LoggerFactory.getLogger(WarmupLoop.class);

	private static final int BATCH = 200;

	private final WarmupPool pool;

	private final WarmupReceiver receiver;

	private final WarmupHealth health;

	private final WarmupRamp ramp;

	private final PlacementTests placement;

	private final Clock clock;

	private volatile LocalDate closed;

	WarmupLoop(WarmupPool pool, WarmupReceiver receiver, WarmupHealth health, WarmupRamp ramp, PlacementTests placement,
			Clock clock) {
		this.pool = pool;
		this.receiver = receiver;
		this.health = health;
		this.ramp = ramp;
		this.placement = placement;
		this.clock = clock;
	}

	@Scheduled(initialDelayString = "PT30S", fixedDelayString = "PT1M")
	void send() {
		Instant now = clock.instant();
		LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
		LocalDate yesterday = today.minusDays(1);
		if (!yesterday.equals(closed)) {
			run("health", () -> health.measure(yesterday, now));
			run("closed loop", () -> ramp.adjust(yesterday, now));
			closed = yesterday;
		}
		run("planning", () -> {
			pool.planDay(today, now);
			if (now.atOffset(ZoneOffset.UTC).getHour() >= 12) {
				pool.planDay(today.plusDays(1), now);
			}
		});
		run("sending", () -> {
			while (pool.sendDue(clock.instant(), BATCH) == BATCH) {
				// More were due: go on.
			}
		});
		run("placement tests", () -> placement.checkPending(clock.instant()));
	}

	@Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT5M")
	void receive() {
		run("receiving", () -> receiver.tick(clock.instant()));
	}

	private static void run(String part, Runnable work) {
		try {
			work.run();
		}
		catch (RuntimeException ex) {
			log.warn("Warmup {} round failed: {}", part, ex.toString());
		}
	}

}
