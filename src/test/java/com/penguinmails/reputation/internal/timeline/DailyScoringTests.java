package com.penguinmails.reputation.internal.timeline;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.inbound.InboundFixtures;
import com.penguinmails.inbound.InboundFixtures.Sender;
import com.penguinmails.reputation.TestDailySource;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily run stores yesterday's scores of each workspace once: a second run (another
 * node, or the next tick) finds the day done; a run whose lease ran out is taken over.
 */
@IntegrationTest
class DailyScoringTests {

	@Autowired
	DailyScoring scoring;

	@Autowired
	ScoreRepository scores;

	@Autowired
	InboundFixtures inbound;

	@Autowired
	Fixtures fixtures;

	@Autowired
	TestDailySource source;

	@Test
	void yesterdaysScoresAreStoredOnceAcrossRuns() {
		Sender sender = inbound.sender("rep-daily");
		UUID workspace = sender.account().workspaceId();
		LocalDate day = LocalDate.of(2025, 1, 14);
		source.put(workspace, Subject.mailbox(sender.mailbox().id()), day, DailyFigure.WARMUP_HEALTH, 64, null);
		Instant now = Instant.parse("2025-01-15T00:20:00Z");

		assertThat(scoring.run(now)).isGreaterThanOrEqualTo(1);
		assertThat(stored(workspace, day)).isEqualTo(1);
		assertThat(scores.storedOn(workspace, Subject.mailbox(sender.mailbox().id()), day)).contains(64);
		assertThat(scoring.run(now.plusSeconds(600))).isZero();
		assertThat(stored(workspace, day)).isEqualTo(1);
	}

	@Test
	void aLeasedRunIsLeftAloneUntilItsLeaseRunsOut() {
		Sender sender = inbound.sender("rep-lease");
		UUID workspace = sender.account().workspaceId();
		LocalDate day = LocalDate.of(2025, 2, 3);
		Instant now = Instant.parse("2025-02-04T01:00:00Z");
		assertThat(scores.claim(java.util.List.of(workspace), day, now, DailyScoring.LEASE, 10)).contains(workspace);
		// Another node, while the lease holds: nothing to take.
		assertThat(scores.claim(java.util.List.of(workspace), day, now.plusSeconds(60), DailyScoring.LEASE, 10))
			.doesNotContain(workspace);
		// The first node died: once the lease runs out, the run is taken over.
		assertThat(scores.claim(java.util.List.of(workspace), day, now.plus(DailyScoring.LEASE).plusSeconds(1),
				DailyScoring.LEASE, 10))
			.contains(workspace);
	}

	private long stored(UUID workspace, LocalDate day) {
		return fixtures.jdbc()
			.sql("SELECT count(*) FROM reputation_scores WHERE workspace_id = ? AND day = ?")
			.params(workspace, java.sql.Date.valueOf(day))
			.query(Long.class)
			.single();
	}

}
