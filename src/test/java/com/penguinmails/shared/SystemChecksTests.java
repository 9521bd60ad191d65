package com.penguinmails.shared;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.penguinmails.shared.SystemCheck.Result;
import com.penguinmails.shared.SystemCheck.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every feature's queue and count checks grade alike: a queue is ok until its oldest due
 * item has waited 15 minutes, a warning until an hour, failing beyond; any broken thing
 * is a warning saying in how many workspaces.
 */
class SystemChecksTests {

	private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

	private static Result queue(long due, Duration waited) {
		return SystemChecks.queue(due, waited == null ? null : NOW.minus(waited), NOW, "message", "messages",
				"Run the dispatcher.", Map.of("held", 2L));
	}

	@Test
	void aQueueIsGradedByItsOldestDueItem() {
		Result empty = queue(0, null);
		assertThat(empty.status()).isEqualTo(Status.OK);
		assertThat(empty.summary()).isEqualTo("Nothing waiting past its time.");
		assertThat(empty.figures()).containsEntry("due", 0L).containsEntry("held", 2L);
		assertThat(queue(40, Duration.ofMinutes(2)).status()).isEqualTo(Status.OK);
		Result late = queue(3, Duration.ofMinutes(20));
		assertThat(late.status()).isEqualTo(Status.WARNING);
		assertThat(late.summary()).isEqualTo("3 messages due, the oldest waiting 20 min.");
		assertThat(late.whatToDo()).isEqualTo("Run the dispatcher.");
		assertThat(late.figures()).containsEntry("oldest_age_seconds", 1200L);
		Result stuck = queue(1, Duration.ofHours(3).plusMinutes(5));
		assertThat(stuck.status()).isEqualTo(Status.FAILING);
		assertThat(stuck.summary()).isEqualTo("1 message due, the oldest waiting 3 h 5 min.");
	}

	@Test
	void anyBrokenThingIsAWarningNamingHowManyWorkspaces() {
		assertThat(SystemChecks.broken(0, 0, "domain", "domains", "failing DNS verification", "Fix them.").summary())
			.isEqualTo("No domains failing DNS verification.");
		Result some = SystemChecks.broken(3, 2, "domain", "domains", "failing DNS verification", "Fix them.");
		assertThat(some.status()).isEqualTo(Status.WARNING);
		assertThat(some.summary()).isEqualTo("3 domains failing DNS verification, in 2 workspaces.");
		assertThat(SystemChecks.broken(1, 1, "listing", "listings", "open on a blocklist", "x").summary())
			.isEqualTo("1 listing open on a blocklist, in 1 workspace.");
	}

}
