package com.penguinmails.system.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.penguinmails.shared.PenguinMailsProperties;
import com.penguinmails.shared.SystemCheck.Result;
import com.penguinmails.shared.SystemCheck.Status;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.system.SystemStatusReport.HourPoint;
import com.penguinmails.system.SystemStatusReport.Node;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Heartbeats and the hourly history in the real database: a node unseen for over 2
 * minutes is down and named by the nodes check, one unseen for 7 days is forgotten; a
 * node's samples become one row per hour, read back as the history; rows past 90 days are
 * pruned.
 */
@IntegrationTest
class HeartbeatsAndHistoryTests {

	private static final long MB = 1024L * 1024;

	@Autowired
	Heartbeats heartbeats;

	@Autowired
	SystemRepository repository;

	@Autowired
	InstallationQueries queries;

	@Autowired
	com.penguinmails.delivery.OutboxLoad outbox;

	@Autowired
	SystemProperties properties;

	@Autowired
	PenguinMailsProperties app;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aNodeUnseenForTwoMinutesIsDownAndOneUnseenForAWeekIsForgotten() {
		Instant now = Instant.now();
		String stale = "stale-" + UUID.randomUUID().toString().substring(0, 8);
		String gone = "gone-" + UUID.randomUUID().toString().substring(0, 8);
		NodeIdentity staleNode = new NodeIdentity(UUID.randomUUID(), stale, 4242, "0.9.0",
				now.minus(Duration.ofDays(1)));
		NodeIdentity goneNode = new NodeIdentity(UUID.randomUUID(), gone, 4343, "0.8.0", now.minus(Duration.ofDays(9)));
		repository.beat(staleNode, List.of("dispatcher"), now.minus(Duration.ofMinutes(3)));
		repository.beat(goneNode, List.of(), now.minus(Duration.ofDays(8)));

		heartbeats.beat(now);

		List<Node> nodes = repository.nodes(now);
		Node self = nodes.stream().filter(n -> n.id().equals(heartbeats.node().id())).findFirst().orElseThrow();
		assertThat(self.alive()).isTrue();
		assertThat(self.pid()).isEqualTo(ProcessHandle.current().pid());
		assertThat(self.runs()).as("tests run no loop").doesNotContain("scheduler", "dispatcher", "inbound-sync");
		Node down = nodes.stream().filter(n -> n.hostname().equals(stale)).findFirst().orElseThrow();
		assertThat(down.alive()).isFalse();
		assertThat(down.runs()).containsExactly("dispatcher");
		assertThat(nodes).extracting(Node::hostname).doesNotContain(gone);
		assertThat(
				jdbc.sql("SELECT count(*) FROM system_nodes WHERE hostname = ?").param(gone).query(Long.class).single())
			.as("pruned")
			.isZero();

		Result check = new NodesCheck(repository, java.time.Clock.systemUTC()).run();
		assertThat(check.status()).isEqualTo(Status.WARNING);
		assertThat(check.summary()).contains("Down: ").contains(stale).contains("last seen ");
		assertThat(check.whatToDo()).startsWith("Restart the node that is down");
	}

	@Test
	void samplesBecomeOneRowAnHourReadBackAsHistory() {
		ResourceSampler sampler = new ResourceSampler(repository, queries, outbox, heartbeats, properties, app);
		Instant hour = Instant.parse("2020-03-01T10:00:00Z");
		sampler.add(new ResourceSampler.Sample(0.5, 100 * MB, 400 * MB, 60_000 * MB, 100_000 * MB),
				hour.plusSeconds(300));
		sampler.add(new ResourceSampler.Sample(0.3, 200 * MB, 400 * MB, 59_000 * MB, 100_000 * MB),
				hour.plusSeconds(900));
		sampler.add(new ResourceSampler.Sample(null, 300 * MB, 400 * MB, 58_000 * MB, 100_000 * MB),
				hour.plusSeconds(3660));
		sampler.flush();

		List<HourPoint> points = repository.history(hour.minus(Duration.ofHours(1)))
			.stream()
			.filter(p -> p.hour().isBefore(hour.plus(Duration.ofDays(1))))
			.toList();

		assertThat(points).extracting(HourPoint::hour).containsExactly(hour, hour.plus(Duration.ofHours(1)));
		HourPoint first = points.get(0);
		assertThat(first.cpuPercent()).isEqualTo(40.0);
		assertThat(first.heapUsedBytes()).isEqualTo(150 * MB);
		assertThat(first.heapMaxBytes()).isEqualTo(400 * MB);
		assertThat(first.diskFreeBytes()).as("the hour's last sample").isEqualTo(59_000 * MB);
		assertThat(first.databaseBytes()).isPositive();
		assertThat(points.get(1).cpuPercent()).as("no CPU figure that hour").isNull();
		assertThat(jdbc.sql("SELECT samples FROM system_metrics WHERE node_id = ? AND hour = ?")
			.params(heartbeats.node().id(), java.sql.Timestamp.from(hour))
			.query(Integer.class)
			.single()).isEqualTo(2);
	}

	@Test
	void rowsOlderThan90DaysArePruned() {
		Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
		UUID node = UUID.randomUUID();
		Instant old = now.minus(Duration.ofDays(91));
		Instant kept = now.minus(Duration.ofDays(89));
		for (Instant hour : List.of(old, kept)) {
			repository.record(node, new HourPoint(hour, 1.0, 1, 2, 3, 4, 5, 6, 7), 60);
		}

		repository.pruneHistory(now, properties.historyDays());

		assertThat(jdbc.sql("SELECT hour FROM system_metrics WHERE node_id = ?")
			.param(node)
			.query(java.sql.Timestamp.class)
			.list()).extracting(java.sql.Timestamp::toInstant).containsExactly(kept);
		jdbc.sql("DELETE FROM system_metrics WHERE node_id = ?").param(node).update();
	}

}
