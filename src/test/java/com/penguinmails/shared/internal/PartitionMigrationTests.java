package com.penguinmails.shared.internal;

import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V88, V89 and V94 on a database that already holds rows: the migrations before them run
 * into a schema of their own, rows are written the old way, then the migration partitions
 * the tables and every row is still there, in the partition of its month, its dedupe key
 * claimed.
 */
@IntegrationTest
class PartitionMigrationTests {

	private static final String SCHEMA = "partition_migration";

	@Autowired
	DataSource dataSource;

	@AfterEach
	void dropSchema() {
		JdbcClient.create(dataSource).sql("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE").update();
	}

	@Test
	void existingRowsMoveIntoTheirMonthsAndTheirDedupeKeysHold() {
		flyway("87").migrate();
		JdbcClient jdbc = JdbcClient.create(dataSource);
		UUID workspace = UUID.randomUUID();
		jdbc.sql("INSERT INTO " + SCHEMA + ".workspaces (id, name) VALUES (?, 'Old rows')").param(workspace).update();
		for (String at : List.of("2024-02-29 23:59:59+00", "2024-03-01 00:00:00+00", "2025-07-04 12:00:00+00")) {
			jdbc.sql("INSERT INTO " + SCHEMA + """
					.tracking_events (id, workspace_id, outbox_id, kind, occurred_at, machine)
					VALUES (?, ?, ?, 'click', ?::timestamptz, false)""")
				.params(UUID.randomUUID(), workspace, UUID.randomUUID(), at)
				.update();
			UUID id = UUID.randomUUID();
			jdbc.sql("INSERT INTO " + SCHEMA + """
					.inbound_messages (id, workspace_id, mailbox_id, folder, uidvalidity, uid, message_id, received_at,
					    kind, thread_id, created_at)
					VALUES (?, ?, ?, 'INBOX', 1, ?, ?, ?::timestamptz, 'reply', ?, now())""")
				.params(id, workspace, workspace, at.hashCode(), "<" + id + "@old.test>", at, id)
				.update();
		}

		flyway("89").migrate();

		assertThat(rowsPerPartition(jdbc, "tracking_events")).containsExactly("tracking_events_y2024m02 1",
				"tracking_events_y2024m03 1", "tracking_events_y2025m07 1");
		assertThat(rowsPerPartition(jdbc, "inbound_messages")).containsExactly("inbound_messages_y2024m02 1",
				"inbound_messages_y2024m03 1", "inbound_messages_y2025m07 1");
		assertThat(jdbc.sql("SELECT count(*) FROM " + SCHEMA + ".inbound_message_keys").query(Long.class).single())
			.isEqualTo(3);
		// A copy of a migrated message (same mailbox and Message-ID) claims no key.
		assertThat(jdbc.sql("INSERT INTO " + SCHEMA + """
				.inbound_message_keys (id, workspace_id, mailbox_id, message_id)
				SELECT ?, workspace_id, mailbox_id, message_id FROM %s.inbound_messages LIMIT 1
				ON CONFLICT DO NOTHING""".formatted(SCHEMA)).param(UUID.randomUUID()).update()).isZero();
		// The workspace's deletion still takes its messages and keys (the foreign keys
		// held).
		jdbc.sql("DELETE FROM " + SCHEMA + ".workspaces WHERE id = ?").param(workspace).update();
		assertThat(jdbc.sql("SELECT count(*) FROM " + SCHEMA + ".inbound_messages").query(Long.class).single())
			.isZero();
		assertThat(jdbc.sql("SELECT count(*) FROM " + SCHEMA + ".inbound_message_keys").query(Long.class).single())
			.isZero();
	}

	@Test
	void existingOutboxRowsMoveIntoTheirMonthsAndTheirStepsStayQueuedOnce() {
		flyway("93").migrate();
		JdbcClient jdbc = JdbcClient.create(dataSource);
		UUID workspace = UUID.randomUUID();
		UUID enrolment = UUID.randomUUID();
		jdbc.sql("INSERT INTO " + SCHEMA + ".workspaces (id, name) VALUES (?, 'Old rows')").param(workspace).update();
		List<String> times = List.of("2024-02-29 23:59:59+00", "2024-03-01 00:00:00+00", "2025-07-04 12:00:00+00");
		for (int step = 0; step < times.size(); step++) {
			UUID id = UUID.randomUUID();
			jdbc.sql("INSERT INTO " + SCHEMA
					+ """
							.outbox (id, workspace_id, enrolment_id, step, mailbox_id, to_address, to_domain, subject, html, text,
							    message_id, status, not_before, created_at)
							VALUES (?, ?, ?, ?, ?, 'ada@client.test', 'client.test', 'Hello', '<p>Hi</p>', 'Hi', ?, 'sent',
							    ?::timestamptz, ?::timestamptz)""")
				.params(id, workspace, enrolment, step, workspace, "<" + id + "@old.test>", times.get(step),
						times.get(step))
				.update();
		}

		flyway("94").migrate();

		assertThat(rowsPerPartition(jdbc, "outbox")).containsExactly("outbox_y2024m02 1", "outbox_y2024m03 1",
				"outbox_y2025m07 1");
		assertThat(jdbc.sql("SELECT count(*) FROM " + SCHEMA + ".outbox_keys WHERE enrolment_id = ?")
			.param(enrolment)
			.query(Long.class)
			.single()).isEqualTo(3);
		// A migrated step claims its key: queuing it again claims none.
		assertThat(jdbc.sql("INSERT INTO " + SCHEMA + """
				.outbox_keys (id, workspace_id, enrolment_id, step, message_id) VALUES (?, ?, ?, 1, '<again@ours.test>')
				ON CONFLICT (enrolment_id, step) DO NOTHING""")
			.params(UUID.randomUUID(), workspace, enrolment)
			.update()).isZero();
		// Every index but the unique ones (now outbox_keys') is on every partition.
		assertThat(jdbc.sql("""
				SELECT count(*) FROM pg_indexes WHERE schemaname = ? AND tablename = 'outbox_y2025m07'""")
			.param(SCHEMA)
			.query(Long.class)
			.single())
			.isEqualTo(jdbc.sql("SELECT count(*) FROM pg_indexes WHERE schemaname = ? AND tablename = 'outbox'")
				.param(SCHEMA)
				.query(Long.class)
				.single())
			.isGreaterThanOrEqualTo(15);
		jdbc.sql("DELETE FROM " + SCHEMA + ".workspaces WHERE id = ?").param(workspace).update();
		assertThat(jdbc.sql("SELECT count(*) FROM " + SCHEMA + ".outbox").query(Long.class).single()).isZero();
		assertThat(jdbc.sql("SELECT count(*) FROM " + SCHEMA + ".outbox_keys").query(Long.class).single()).isZero();
	}

	private Flyway flyway(String target) {
		return Flyway.configure()
			.dataSource(dataSource)
			.schemas(SCHEMA)
			.locations("classpath:db/migration")
			.target(target)
			.load();
	}

	private static List<String> rowsPerPartition(JdbcClient jdbc, String table) {
		return jdbc
			.sql("SELECT tableoid::regclass::text || ' ' || count(*) FROM " + SCHEMA + "." + table
					+ " GROUP BY tableoid ORDER BY 1")
			.query(String.class)
			.list()
			.stream()
			.map(row -> row.replace(SCHEMA + ".", ""))
			.toList();
	}

}
