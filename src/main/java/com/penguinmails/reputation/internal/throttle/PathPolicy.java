package com.penguinmails.reputation.internal.throttle;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.penguinmails.reputation.PathState;
import com.penguinmails.reputation.ThrottleAction;

/**
 * The decisions on one sending path, with no database and no clock: slow or suspend on
 * signals counted in the window, then recover step by step (a circuit breaker's half-open
 * state: a suspension ends in a trial at a small rate, a clean window on trial eases it
 * to slowed, a clean window slowed brings it back to normal). A path set by hand is left
 * to the person (signals do not change it) until its suspension ends or it is resumed.
 */
final class PathPolicy {

	private PathPolicy() {
	}

	/**
	 * A path as stored.
	 *
	 * @param reviewAt when the next recovery step is considered, or null
	 * @param suspensions suspensions since the path was last normal (each doubles the
	 * next)
	 * @param changedAt when its state last changed (signals count from then)
	 */
	record Path(PathState state, int perHour, int minGapSeconds, Instant suspendedUntil, Instant reviewAt,
			int suspensions, boolean manual, Instant changedAt) {

		static Path normal(Instant at) {
			return new Path(PathState.NORMAL, 0, 0, null, null, 0, false, at);
		}

	}

	/** A decision: what it does, the path after it, and why in words. */
	record Change(ThrottleAction action, Path next, String reason) {
	}

	/**
	 * What counted signals call for: {@code slowing} and {@code suspending} are those
	 * counted since {@code max(now - window, changedAt)}.
	 */
	static Optional<Change> onSignals(Path path, long slowing, long suspending, ThrottleProperties settings,
			Instant now) {
		if (path.manual()) {
			return Optional.empty();
		}
		long all = slowing + suspending;
		String counted = all + " signal(s) in " + minutes(settings.window());
		return switch (path.state()) {
			case NORMAL -> suspending >= settings.suspendAfter()
					? Optional
						.of(suspend(path, settings, now, suspending + " refusal(s) in " + minutes(settings.window())))
					: all >= settings.slowAfter() ? Optional.of(slow(path, settings, now, counted)) : Optional.empty();
			case SLOWED -> suspending >= settings.suspendAfter() || all >= settings.slowAfter()
					? Optional.of(suspend(path, settings, now, counted + " while slowed")) : Optional.empty();
			case TRIAL ->
				all >= 1 ? Optional.of(suspend(path, settings, now, "a signal while on trial")) : Optional.empty();
			case SUSPENDED -> Optional.empty();
		};
	}

	/**
	 * The recovery step due at {@code now}, if any; {@code signals} are the counted ones
	 * since the path last changed.
	 */
	static Optional<Change> onReview(Path path, long signals, ThrottleProperties settings, Instant now) {
		if (path.reviewAt() == null || path.reviewAt().isAfter(now)) {
			return Optional.empty();
		}
		Instant review = now.plus(settings.cleanWindow());
		return switch (path.state()) {
			case SUSPENDED -> Optional.of(new Change(ThrottleAction.TRIAL,
					new Path(PathState.TRIAL, settings.trialPerHour(), seconds(settings.trialGap()), null, review,
							path.suspensions(), false, now),
					"suspension over: trying " + settings.trialPerHour() + " an hour"));
			case TRIAL -> signals > 0 ? Optional.of(suspend(path, settings, now, "a signal while on trial"))
					: Optional.of(new Change(ThrottleAction.EASE,
							new Path(PathState.SLOWED, settings.slowedPerHour(), seconds(settings.slowedGap()), null,
									review, path.suspensions(), false, now),
							"no signal for " + minutes(settings.cleanWindow()) + " on trial"));
			case SLOWED ->
				signals > 0 || path.manual() ? Optional.empty() : Optional.of(new Change(ThrottleAction.RECOVER,
						Path.normal(now), "no signal for " + minutes(settings.cleanWindow()) + " while slowed"));
			case NORMAL -> Optional.empty();
		};
	}

	static Change slow(Path path, ThrottleProperties settings, Instant now, String reason) {
		return new Change(ThrottleAction.SLOW,
				new Path(PathState.SLOWED, settings.slowedPerHour(), seconds(settings.slowedGap()), null,
						now.plus(settings.cleanWindow()), path.suspensions(), false, now),
				reason + ": " + settings.slowedPerHour() + " an hour, " + seconds(settings.slowedGap()) + " s apart");
	}

	/**
	 * Suspends for {@code suspendFor} doubled per earlier suspension, at most the max.
	 */
	static Change suspend(Path path, ThrottleProperties settings, Instant now, String reason) {
		Duration length = settings.suspendFor().multipliedBy(1L << Math.min(path.suspensions(), 16));
		if (length.compareTo(settings.maxSuspendFor()) > 0) {
			length = settings.maxSuspendFor();
		}
		Instant until = now.plus(length);
		return new Change(ThrottleAction.SUSPEND,
				new Path(PathState.SUSPENDED, 0, 0, until, until, path.suspensions() + 1, false, now),
				reason + ": suspended for " + minutes(length));
	}

	private static int seconds(Duration duration) {
		return (int) Math.min(Integer.MAX_VALUE, duration.toSeconds());
	}

	static String minutes(Duration duration) {
		long minutes = duration.toMinutes();
		return minutes % 60 == 0 ? minutes / 60 + " h" : minutes + " min";
	}

}
