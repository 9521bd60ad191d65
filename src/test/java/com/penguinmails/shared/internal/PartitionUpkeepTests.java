package com.penguinmails.shared.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.shared.internal.PartitionUpkeep.Result;
import com.penguinmails.shared.internal.PartitionUpkeep.Table;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The time-partitioned tables (V88, V89) and their upkeep, on the real PostgreSQL: an
 * event of any date is stored, the months ahead are created, the DEFAULT partition is
 * drained into months, retention drops whole old months only, and two nodes running the
 * upkeep at once do no harm. Retention is tried on a table of its own, so no other test's
 * rows go.
 */
@IntegrationTest
class PartitionUpkeepTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	PartitionUpkeep upkeep;

	@Test
	void eventsOfAnyDateAreStoredAndTheUpkeepMovesStrayOnesIntoTheirMonth() {
		UUID workspace = UUID.randomUUID();
		Instant past = Instant.parse("2011-04-10T12:00:00Z");
		Instant future = Instant.parse("2097-09-30T23:59:59Z");
		Instant now = Instant.now();
		for (Instant at : List.of(past, future, now)) {
			trackingEvent(workspace, at);
		}
		assertThat(partitionsHolding(workspace)).contains("tracking_events_default");

		Result result = upkeep.upkeep(tracking(), Instant.now());

		assertThat(result.created()).contains("tracking_events_y2011m04", "tracking_events_y2097m09");
		assertThat(partitionsHolding(workspace)).doesNotContain("tracking_events_default")
			.contains("tracking_events_y2011m04", "tracking_events_y2097m09");
		assertThat(count("SELECT count(*) FROM tracking_events WHERE workspace_id = ?", workspace)).isEqualTo(3);
		assertThat(count("SELECT count(*) FROM tracking_events WHERE workspace_id = ? AND occurred_at = ?", workspace,
				Timestamp.from(future)))
			.isOne();
	}

	@Test
	void theUpkeepCreatesThisMonthAndTheNextThreeAndASecondRunChangesNothing() {
		// A year of its own, in case the database outlives a test run.
		int year = 2200 + new java.util.Random().nextInt(700);
		Instant now = Instant.parse(year + "-11-20T10:00:00Z");

		Result first = upkeep.upkeep(tracking(), now);
		Result second = upkeep.upkeep(tracking(), now);

		// Other tests' events of past months (in DEFAULT until now) may get their months
		// too.
		assertThat(first.created()).containsSubsequence("tracking_events_y%dm11".formatted(year),
				"tracking_events_y%dm12".formatted(year), "tracking_events_y%dm01".formatted(year + 1),
				"tracking_events_y%dm02".formatted(year + 1));
		assertThat(first.created()).filteredOn(name -> name.contains("_y%d".formatted(year))).hasSize(2);
		assertThat(second.created()).isEmpty();
		assertThat(second.dropped()).isEmpty();
		// Calendar months in UTC, whatever the session's time zone.
		assertThat(fixtures.jdbc()
			.sql("""
					SELECT pg_get_expr(relpartbound, oid) = format('FOR VALUES FROM (%L) TO (%L)',
					    make_timestamptz(?, 12, 1, 0, 0, 0, 'UTC'), make_timestamptz(? + 1, 1, 1, 0, 0, 0, 'UTC'))
					FROM pg_class WHERE relname = ?""")
			.params(year, year, "tracking_events_y%dm12".formatted(year))
			.query(Boolean.class)
			.single()).isTrue();
	}

	@Test
	void retentionDropsWholeMonthsOlderThanItAndKeepsTheRest() {
		String name = probeTable();
		Table table = new Table(name, "at", Period.ofMonths(2));
		for (String at : List.of("2030-01-15T00:00:00Z", "2030-02-28T23:59:59Z", "2030-03-01T00:00:00Z",
				"2030-04-10T00:00:00Z")) {
			fixtures.jdbc()
				.sql("INSERT INTO " + name + " VALUES (?)")
				.param(Timestamp.from(Instant.parse(at)))
				.update();
		}

		// Cut-off 2030-03-05: January and February lie wholly before it, March does not.
		Result result = upkeep.upkeep(table, Instant.parse("2030-05-05T08:00:00Z"));

		assertThat(result.dropped()).containsExactly(name + "_y2030m01", name + "_y2030m02");
		assertThat(count("SELECT count(*) FROM " + name)).isEqualTo(2);
		assertThat(count("SELECT count(*) FROM " + name + " WHERE at < '2030-03-01T00:00:00Z'")).isZero();
		assertThat(partitions(name)).contains(name + "_y2030m03", name + "_y2030m04", name + "_y2030m08",
				name + "_default");
		assertThat(upkeep.upkeep(table, Instant.parse("2030-05-05T08:00:00Z")).dropped()).isEmpty();
	}

	@Test
	void withoutRetentionNothingIsDropped() {
		String name = probeTable();
		fixtures.jdbc()
			.sql("INSERT INTO " + name + " VALUES (?)")
			.param(Timestamp.from(Instant.parse("2001-01-01T00:00:00Z")))
			.update();

		Result result = upkeep.upkeep(new Table(name, "at", Period.ZERO), Instant.parse("2030-05-05T08:00:00Z"));

		assertThat(result.dropped()).isEmpty();
		assertThat(result.created()).contains(name + "_y2001m01");
		assertThat(count("SELECT count(*) FROM " + name)).isOne();
	}

	@Test
	void nodesRunningTheUpkeepAtOnceEachCreateNothingTwiceAndFailNothing() throws Exception {
		String name = probeTable();
		Table table = new Table(name, "at", Period.ofMonths(1));
		fixtures.jdbc()
			.sql("INSERT INTO " + name + " VALUES (?)")
			.param(Timestamp.from(Instant.parse("2029-01-01T00:00:00Z")))
			.update();
		Instant now = Instant.parse("2040-06-15T00:00:00Z");
		ExecutorService nodes = Executors.newFixedThreadPool(4);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Result>> runs = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			Callable<Result> run = () -> {
				start.await();
				return upkeep.upkeep(table, now);
			};
			runs.add(nodes.submit(run));
		}
		start.countDown();
		List<String> created = new ArrayList<>();
		List<String> dropped = new ArrayList<>();
		for (Future<Result> run : runs) {
			Result result = run.get();
			created.addAll(result.created());
			dropped.addAll(result.dropped());
		}
		nodes.shutdown();

		// The stray month is created (its row moved), then dropped by retention, once.
		assertThat(created).containsExactlyInAnyOrder(name + "_y2029m01", name + "_y2040m06", name + "_y2040m07",
				name + "_y2040m08", name + "_y2040m09");
		assertThat(dropped).containsExactly(name + "_y2029m01");
		assertThat(partitions(name)).containsExactlyInAnyOrder(name + "_y2040m06", name + "_y2040m07",
				name + "_y2040m08", name + "_y2040m09", name + "_default");
	}

	@Test
	void theEventTablesKeepTheirIndexesOnEveryPartition() {
		Instant now = Instant.now();
		upkeep.upkeep(tracking(), now);
		String month = PartitionUpkeep.partitionName(tracking(),
				LocalDate.ofInstant(now, java.time.ZoneOffset.UTC)
					.withDayOfMonth(1)
					.plusMonths(PartitionUpkeep.MONTHS_AHEAD));

		assertThat(count(
				"SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'tracking_events'"))
			.isEqualTo(9);
		assertThat(
				count("SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ?", month))
			.isEqualTo(9);
		assertThat(count(
				"SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'inbound_messages'"))
			.isEqualTo(13);
		assertThat(fixtures.jdbc()
			.sql("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'inbound_messages'::regclass AND contype = 'p'")
			.query(String.class)
			.single()).isEqualTo("PRIMARY KEY (id, received_at)");
	}

	private Table tracking() {
		return new Table("tracking_events", "occurred_at", Period.ZERO);
	}

	/** A table partitioned as the event tables are, with no partition but its DEFAULT. */
	private String probeTable() {
		String name = "probe_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		fixtures.jdbc().sql("CREATE TABLE " + name + " (at TIMESTAMPTZ NOT NULL) PARTITION BY RANGE (at)").update();
		fixtures.jdbc().sql("CREATE TABLE " + name + "_default PARTITION OF " + name + " DEFAULT").update();
		return name;
	}

	private void trackingEvent(UUID workspace, Instant at) {
		fixtures.jdbc()
			.sql("""
					INSERT INTO tracking_events (id, workspace_id, outbox_id, kind, occurred_at, machine)
					VALUES (?, ?, ?, 'open', ?, false)""")
			.params(UUID.randomUUID(), workspace, UUID.randomUUID(), Timestamp.from(at))
			.update();
	}

	private List<String> partitionsHolding(UUID workspace) {
		return fixtures.jdbc()
			.sql("SELECT DISTINCT tableoid::regclass::text FROM tracking_events WHERE workspace_id = ?")
			.param(workspace)
			.query(String.class)
			.list();
	}

	private List<String> partitions(String table) {
		return fixtures.jdbc()
			.sql("SELECT inhrelid::regclass::text FROM pg_inherits WHERE inhparent = to_regclass(?)")
			.param(table)
			.query(String.class)
			.list();
	}

	private long count(String sql, Object... params) {
		return fixtures.jdbc().sql(sql).params(params).query(Long.class).single();
	}

}
