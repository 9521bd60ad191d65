package com.penguinmails.system.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Component;

import com.penguinmails.shared.SystemCheck;

/**
 * This node's clock against the database server's ({@code clock_timestamp()}), the round
 * trip's midpoint taken as the node's instant: warning over 2 s apart, failing over 30 s.
 * Leases, schedules, token expiry and the heartbeats compare the two.
 */
@Component
class ClockCheck implements SystemCheck {

	static final Duration WARN_OVER = Duration.ofSeconds(2);

	static final Duration FAIL_OVER = Duration.ofSeconds(30);

	private static final String WHAT_TO_DO = "Run time synchronisation (chrony, systemd-timesyncd or ntpd) on this "
			+ "machine and on the database's: leases, schedules, link expiry and the heartbeats compare the two clocks.";

	private final InstallationQueries queries;

	private final Clock clock;

	ClockCheck(InstallationQueries queries, Clock clock) {
		this.queries = queries;
		this.clock = clock;
	}

	@Override
	public String key() {
		return "clock";
	}

	@Override
	public String title() {
		return "Clock in step with the database";
	}

	@Override
	public Result run() {
		long before = System.nanoTime();
		Instant start = clock.instant();
		Instant database = queries.databaseNow();
		long roundTrip = System.nanoTime() - before;
		Instant node = start.plusNanos(roundTrip / 2);
		return judge(Duration.between(node, database), Duration.ofNanos(roundTrip));
	}

	/** The outcome for the database's clock {@code skew} ahead of this node's. */
	static Result judge(Duration skew, Duration roundTrip) {
		Duration apart = skew.abs();
		String summary = apart.toMillis() < 500 ? "This node's clock and the database's agree (within 0.5 s)."
				: "The database's clock is " + String.format(java.util.Locale.ROOT, "%.1f", apart.toMillis() / 1000.0)
						+ " s " + (skew.isNegative() ? "behind" : "ahead of") + " this node's.";
		var figures = Words.figures("skew_millis", skew.toMillis(), "round_trip_millis", roundTrip.toMillis());
		if (apart.compareTo(FAIL_OVER) > 0) {
			return SystemCheck.Result.failing(summary, WHAT_TO_DO, figures);
		}
		if (apart.compareTo(WARN_OVER) > 0) {
			return SystemCheck.Result.warning(summary, WHAT_TO_DO, figures);
		}
		return SystemCheck.Result.ok(summary, figures);
	}

}
