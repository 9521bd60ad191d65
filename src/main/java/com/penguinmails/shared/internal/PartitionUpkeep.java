package com.penguinmails.shared.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.penguinmails.shared.RetentionProperties;

/**
 * Upkeep of the time-partitioned tables (V88, V89; docs/ARCHITECTURE.md "Time-partitioned
 * tables"): each run creates the partitions of this month and the next
 * {@value #MONTHS_AHEAD} (calendar months in UTC), moves rows the DEFAULT partition holds
 * into a partition of their month, and drops (DETACH, then DROP) the partitions wholly
 * older than the table's retention ({@link RetentionProperties}). Every node runs it; a
 * transaction-scoped advisory lock per table lets one node at a time do the work (the
 * others skip that table for the round), and creation is idempotent besides
 * ({@code CREATE TABLE IF NOT EXISTS ... PARTITION OF}).
 */
@Component
class PartitionUpkeep {

	/** Partitions created ahead of the current month. */
	static final int MONTHS_AHEAD = 3;

	private static final Logger log = LoggerFactory.getLogger(PartitionUpkeep.class);

	/**
	 * A table partitioned by month of a {@code timestamptz} column, with a
	 * {@code <name>_default} partition.
	 *
	 * @param retention how long its rows are kept; zero or null: forever
	 * @param live a SQL condition on the table's rows, or null: a month older than the
	 * retention that still holds a row meeting it is kept (the outbox's messages still
	 * waiting to be sent), and dropped by a later run once none does
	 */
	record Table(String name, String column, Period retention, String live) {

		Table(String name, String column, Period retention) {
			this(name, column, retention, null);
		}

	}

	/**
	 * What one run did to a table.
	 *
	 * @param created partitions created, oldest first
	 * @param dropped partitions dropped, oldest first
	 * @param kept partitions older than the retention kept for their live rows
	 */
	record Result(String table, List<String> created, List<String> dropped, List<String> kept) {
	}

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final RetentionProperties retention;

	private final Clock clock;

	PartitionUpkeep(JdbcClient jdbc, TransactionTemplate transactions, RetentionProperties retention, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.retention = retention;
		this.clock = clock;
	}

	/** The partitioned tables and their retention settings. */
	List<Table> tables() {
		return List.of(new Table("tracking_events", "occurred_at", retention.trackingEvents()),
				new Table("inbound_messages", "received_at", retention.inboundMessages()),
				// V94: a month of the outbox goes once every message of it is final.
				new Table("outbox", "created_at", retention.outbox(), "status NOT IN ('sent', 'failed', 'cancelled')"));
	}

	/** Hourly (and a minute after start): every table, each in its own transaction. */
	@Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
	void run() {
		Instant now = clock.instant();
		for (Table table : tables()) {
			try {
				Result result = upkeep(table, now);
				if (!result.created().isEmpty() || !result.dropped().isEmpty()) {
					log.info("Partitions of {}: created {}, dropped {}", table.name(), result.created(),
							result.dropped());
				}
				if (!result.kept().isEmpty()) {
					log.info("Partitions of {} older than the retention kept: they hold rows still live: {}",
							table.name(), result.kept());
				}
			}
			catch (DataAccessException ex) {
				// A lock not granted within the timeout, say: the next round tries again.
				log.warn("Partition upkeep of {} failed, retrying in an hour: {}", table.name(), ex.getMessage());
			}
		}
	}

	/**
	 * One table's upkeep at {@code now}, in one transaction. Nodes running it at once
	 * take turns (a transaction-scoped advisory lock per table); the later ones find the
	 * work done.
	 */
	Result upkeep(Table table, Instant now) {
		return transactions.execute(status -> {
			// DDL waits for the table's readers and writers; waiting long would queue
			// them.
			jdbc.sql("SET LOCAL lock_timeout = '10s'").update();
			jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('time-partitions'), hashtext(?))")
				.param(table.name())
				.query((rs, i) -> 1)
				.single();
			List<String> created = create(table, now);
			List<String> kept = new ArrayList<>();
			return new Result(table.name(), created, drop(table, now, kept), kept);
		});
	}

	private List<String> create(Table table, Instant now) {
		LocalDate month = LocalDate.ofInstant(now, ZoneOffset.UTC).withDayOfMonth(1);
		TreeSet<LocalDate> months = new TreeSet<>();
		for (int i = 0; i <= MONTHS_AHEAD; i++) {
			months.add(month.plusMonths(i));
		}
		// Rows no partition covered when they came (far past or future, or after a long
		// stop).
		months.addAll(jdbc.sql("SELECT DISTINCT date_trunc('month', " + quote(table.column())
				+ " AT TIME ZONE 'UTC')::date FROM " + quote(table.name() + "_default"))
			.query(LocalDate.class)
			.list());
		List<String> created = new ArrayList<>();
		for (LocalDate m : months) {
			if (jdbc.sql("SELECT time_partition_create(?, ?, ?)")
				.params(table.name(), table.column(), m)
				.query(Boolean.class)
				.single()) {
				created.add(partitionName(table, m));
			}
		}
		return created;
	}

	private List<String> drop(Table table, Instant now, List<String> kept) {
		if (!RetentionProperties.limited(table.retention())) {
			return List.of();
		}
		LocalDate cutoff = LocalDate.ofInstant(now, ZoneOffset.UTC).minus(table.retention());
		Pattern monthly = Pattern.compile(Pattern.quote(table.name()) + "_y(\\d{4})m(\\d{2})");
		List<String> partitions = jdbc.sql("""
				SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
				WHERE i.inhparent = to_regclass(?) ORDER BY c.relname""")
			.param(table.name())
			.query(String.class)
			.list();
		List<String> dropped = new ArrayList<>();
		for (String partition : partitions) {
			Matcher name = monthly.matcher(partition);
			if (!name.matches()) {
				continue;
			}
			LocalDate end = LocalDate.of(Integer.parseInt(name.group(1)), Integer.parseInt(name.group(2)), 1)
				.plusMonths(1);
			// Whole months only: a partition goes once its last instant is before the
			// cutoff.
			if (!end.isAfter(cutoff)) {
				if (table.live() != null
						&& jdbc.sql("SELECT EXISTS (SELECT 1 FROM " + quote(partition) + " WHERE " + table.live() + ")")
							.query(Boolean.class)
							.single()) {
					kept.add(partition);
					continue;
				}
				jdbc.sql("ALTER TABLE " + quote(table.name()) + " DETACH PARTITION " + quote(partition)).update();
				jdbc.sql("DROP TABLE " + quote(partition)).update();
				dropped.add(partition);
			}
		}
		return dropped;
	}

	/** The name V88's {@code time_partition_create} gives the partition of a month. */
	static String partitionName(Table table, LocalDate month) {
		return "%s_y%04dm%02d".formatted(table.name(), month.getYear(), month.getMonthValue());
	}

	private static String quote(String identifier) {
		return '"' + identifier.replace("\"", "\"\"") + '"';
	}

}
