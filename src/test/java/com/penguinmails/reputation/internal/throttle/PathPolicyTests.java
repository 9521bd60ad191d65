package com.penguinmails.reputation.internal.throttle;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.penguinmails.reputation.PathState;
import com.penguinmails.reputation.RecipientProvider;
import com.penguinmails.reputation.ThrottleAction;
import com.penguinmails.reputation.internal.throttle.PathPolicy.Change;
import com.penguinmails.reputation.internal.throttle.PathPolicy.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decisions on a path without a database or a clock: slow, suspend (longer each
 * time), then trial, ease and recover after clean windows; a path set by hand stays.
 */
class PathPolicyTests {

	private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

	private static final ThrottleProperties SETTINGS = new ThrottleProperties(Duration.ofHours(1), 3, 2, 20,
			Duration.ofMinutes(3), Duration.ofHours(4), Duration.ofHours(24), 5, Duration.ofMinutes(10),
			Duration.ofHours(2), Duration.ofDays(7), false, Duration.ofMinutes(1), Duration.ofDays(7), 100, 0.003,
			0.05);

	@Test
	void threeSlowingSignalsSlowANormalPathTwoBelowDoNothing() {
		Path normal = Path.normal(Instant.EPOCH);
		assertThat(PathPolicy.onSignals(normal, 2, 0, SETTINGS, NOW)).isEmpty();
		Change slow = PathPolicy.onSignals(normal, 3, 0, SETTINGS, NOW).orElseThrow();
		assertThat(slow.action()).isEqualTo(ThrottleAction.SLOW);
		assertThat(slow.next().state()).isEqualTo(PathState.SLOWED);
		assertThat(slow.next().perHour()).isEqualTo(20);
		assertThat(slow.next().minGapSeconds()).isEqualTo(180);
		assertThat(slow.next().reviewAt()).isEqualTo(NOW.plus(Duration.ofHours(2)));
	}

	@Test
	void twoRefusalsSuspendAndEachSuspensionLastsTwiceTheLastUpToTheMaximum() {
		Change first = PathPolicy.onSignals(Path.normal(Instant.EPOCH), 0, 2, SETTINGS, NOW).orElseThrow();
		assertThat(first.action()).isEqualTo(ThrottleAction.SUSPEND);
		assertThat(first.next().suspendedUntil()).isEqualTo(NOW.plus(Duration.ofHours(4)));
		Path trial = new Path(PathState.TRIAL, 5, 600, null, NOW.plusSeconds(60), 1, false, NOW);
		Change second = PathPolicy.onSignals(trial, 1, 0, SETTINGS, NOW).orElseThrow();
		assertThat(second.next().suspendedUntil()).isEqualTo(NOW.plus(Duration.ofHours(8)));
		Path often = new Path(PathState.TRIAL, 5, 600, null, null, 5, false, NOW);
		assertThat(PathPolicy.onSignals(often, 1, 0, SETTINGS, NOW).orElseThrow().next().suspendedUntil())
			.isEqualTo(NOW.plus(Duration.ofHours(24)));
	}

	@Test
	void aSlowedPathStillPushedBackIsSuspended() {
		Path slowed = PathPolicy.onSignals(Path.normal(Instant.EPOCH), 3, 0, SETTINGS, NOW).orElseThrow().next();
		assertThat(PathPolicy.onSignals(slowed, 2, 0, SETTINGS, NOW)).isEmpty();
		assertThat(PathPolicy.onSignals(slowed, 3, 0, SETTINGS, NOW).orElseThrow().action())
			.isEqualTo(ThrottleAction.SUSPEND);
	}

	@Test
	void recoveryGoesStepByStepSuspendedTrialSlowedNormal() {
		Path suspended = PathPolicy.onSignals(Path.normal(Instant.EPOCH), 0, 2, SETTINGS, NOW).orElseThrow().next();
		assertThat(PathPolicy.onReview(suspended, 0, SETTINGS, NOW.plus(Duration.ofHours(3)))).isEmpty();
		Instant end = NOW.plus(Duration.ofHours(4));
		Change trial = PathPolicy.onReview(suspended, 0, SETTINGS, end).orElseThrow();
		assertThat(trial.action()).isEqualTo(ThrottleAction.TRIAL);
		assertThat(trial.next().perHour()).isEqualTo(5);
		Change ease = PathPolicy.onReview(trial.next(), 0, SETTINGS, end.plus(Duration.ofHours(2))).orElseThrow();
		assertThat(ease.action()).isEqualTo(ThrottleAction.EASE);
		assertThat(ease.next().state()).isEqualTo(PathState.SLOWED);
		Change recover = PathPolicy.onReview(ease.next(), 0, SETTINGS, end.plus(Duration.ofHours(4))).orElseThrow();
		assertThat(recover.action()).isEqualTo(ThrottleAction.RECOVER);
		assertThat(recover.next().state()).isEqualTo(PathState.NORMAL);
	}

	@Test
	void aSlowedPathWithSignalsSinceItChangedIsNotRecovered() {
		Path slowed = new Path(PathState.SLOWED, 20, 180, null, NOW, 0, false, NOW.minusSeconds(7200));
		assertThat(PathPolicy.onReview(slowed, 1, SETTINGS, NOW)).isEmpty();
	}

	@Test
	void aPathSetByHandIgnoresSignalsAndACustomRateIsNeverReviewed() {
		Path custom = new Path(PathState.SLOWED, 50, 0, null, null, 0, true, NOW);
		assertThat(PathPolicy.onSignals(custom, 10, 10, SETTINGS, NOW)).isEmpty();
		assertThat(PathPolicy.onReview(custom, 0, SETTINGS, NOW.plus(Duration.ofDays(3)))).isEmpty();
		Path kept = new Path(PathState.SUSPENDED, 0, 0, NOW.plusSeconds(60), NOW.plusSeconds(60), 1, true, NOW);
		Change after = PathPolicy.onReview(kept, 0, SETTINGS, NOW.plusSeconds(60)).orElseThrow();
		assertThat(after.action()).isEqualTo(ThrottleAction.TRIAL);
		assertThat(after.next().manual()).isFalse();
	}

	@Test
	void mxHostsNameTheirProvider() {
		assertThat(RecipientProviders.byHosts(List.of("aspmx.l.google.com", "alt1.aspmx.l.google.com")))
			.isEqualTo(RecipientProvider.GOOGLE);
		assertThat(RecipientProviders.byHosts(List.of("contoso-com.mail.protection.outlook.com")))
			.isEqualTo(RecipientProvider.MICROSOFT);
		assertThat(RecipientProviders.byHosts(List.of("mta5.am0.yahoodns.net"))).isEqualTo(RecipientProvider.YAHOO);
		assertThat(RecipientProviders.byHosts(List.of("mx.example.org"))).isEqualTo(RecipientProvider.OTHER);
		assertThat(RecipientProviders.byHosts(List.of())).isEqualTo(RecipientProvider.OTHER);
	}

}
