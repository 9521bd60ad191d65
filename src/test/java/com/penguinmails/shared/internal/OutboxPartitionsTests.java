package com.penguinmails.shared.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;

import com.penguinmails.delivery.OutgoingMessage;
import com.penguinmails.delivery.internal.OutboxRepository;
import com.penguinmails.delivery.internal.OutboxRepository.NewRow;
import com.penguinmails.shared.internal.PartitionUpkeep.Result;
import com.penguinmails.shared.internal.PartitionUpkeep.Table;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The outbox partitioned by month of {@code created_at} (V94): a step of an enrolment is
 * queued once even across months and after its month is dropped ({@code outbox_keys}), a
 * Message-ID is never reused, retention drops a month only once every message of it is
 * final, and an outcome recorded by id and creation time reads one partition.
 */
@IntegrationTest
class OutboxPartitionsTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	OutboxRepository outbox;

	@Autowired
	PartitionUpkeep upkeep;

	@Test
	void aMonthGoesOnceAllOfItIsFinalAndItsStepsAreNeverQueuedAgain() {
		UUID workspace = fixtures.verifiedAccount("outbox-months").workspaceId();
		// A month of its own, long ago, so that no other test's messages share it.
		LocalDate month = LocalDate.of(1900 + new Random().nextInt(80), 1 + new Random().nextInt(12), 1);
		Instant queuedAt = month.plusDays(9).atStartOfDay(ZoneOffset.UTC).toInstant();
		UUID enrolment = UUID.randomUUID();
		List<NewRow> rows = List.of(row(workspace, enrolment, 0), row(workspace, enrolment, 1),
				row(workspace, enrolment, 2));
		assertThat(outbox.insertAll(rows, queuedAt)).containsExactly(true, true, true);
		// The same steps queued again, later: nothing is queued twice.
		assertThat(outbox.insertAll(List.of(row(workspace, enrolment, 1)), Instant.now())).containsExactly(false);
		status(rows.get(0), "sent");
		status(rows.get(1), "failed");
		// A retention whose cut-off falls a month after that month's end, on the outbox
		// as PartitionUpkeep.tables() declares it.
		Table table = outboxTable(Period.between(month.plusMonths(2), LocalDate.now(ZoneOffset.UTC)));
		String partition = PartitionUpkeep.partitionName(table, month);

		Result first = upkeep.upkeep(table, Instant.now());

		// Its third message still waits to be sent: the month stays.
		assertThat(first.created()).contains(partition);
		assertThat(first.kept()).contains(partition);
		assertThat(first.dropped()).doesNotContain(partition);
		assertThat(partitionOf(rows.get(2))).isEqualTo(partition);

		status(rows.get(2), "cancelled");
		Result second = upkeep.upkeep(table, Instant.now());

		assertThat(second.dropped()).contains(partition);
		assertThat(count("SELECT count(*) FROM outbox WHERE enrolment_id = ?", enrolment)).isZero();
		// Its keys outlive it: the steps are still never queued again.
		assertThat(outbox.insertAll(List.of(row(workspace, enrolment, 0)), Instant.now())).containsExactly(false);
		assertThat(count("SELECT count(*) FROM outbox_keys WHERE enrolment_id = ?", enrolment)).isEqualTo(3);
	}

	@Test
	void aMessageIdIsNeverUsedTwice() {
		UUID workspace = fixtures.verifiedAccount("outbox-message-ids").workspaceId();
		NewRow first = row(workspace, UUID.randomUUID(), 0);
		outbox.insertAll(List.of(first), Instant.now());
		NewRow again = new NewRow(UUID.randomUUID(), first.messageId(), message(workspace, UUID.randomUUID(), 0),
				"client.test", Instant.now());

		assertThatThrownBy(() -> outbox.insertAll(List.of(again), Instant.now()))
			.isInstanceOf(DuplicateKeyException.class);
		assertThat(count("SELECT count(*) FROM outbox WHERE message_id = ?", first.messageId())).isOne();
	}

	@Test
	void anOutcomeByIdAndCreationTimeReadsOnePartition() {
		UUID workspace = fixtures.verifiedAccount("outbox-plans").workspaceId();
		NewRow row = row(workspace, UUID.randomUUID(), 0);
		Instant createdAt = Instant.now();
		outbox.insertAll(List.of(row), createdAt);
		upkeep.upkeep(outboxTable(Period.ZERO), Instant.now());

		String plan = String.join("\n", fixtures.jdbc()
			.sql("EXPLAIN (COSTS OFF) UPDATE outbox SET note = 'x' WHERE id = ? AND created_at = ? AND status = 'sending'")
			.params(row.id(), Timestamp.from(createdAt))
			.query(String.class)
			.list());

		assertThat(partitionsIn(plan)).containsExactly(PartitionUpkeep.partitionName(outboxTable(Period.ZERO),
				LocalDate.ofInstant(createdAt, ZoneOffset.UTC).withDayOfMonth(1)));
	}

	private static List<String> partitionsIn(String plan) {
		return java.util.regex.Pattern.compile("on (outbox_(?:y\\d{4}m\\d{2}|default))")
			.matcher(plan)
			.results()
			.map(match -> match.group(1))
			.distinct()
			.toList();
	}

	private Table outboxTable(Period retention) {
		Table declared = upkeep.tables()
			.stream()
			.filter(table -> table.name().equals("outbox"))
			.findFirst()
			.orElseThrow();
		return new Table(declared.name(), declared.column(), retention, declared.live());
	}

	private static NewRow row(UUID workspace, UUID enrolment, int step) {
		UUID id = UUID.randomUUID();
		return new NewRow(id, "<" + id + "@ours.test>", message(workspace, enrolment, step), "client.test",
				Instant.now());
	}

	private static OutgoingMessage message(UUID workspace, UUID enrolment, int step) {
		return new OutgoingMessage(workspace, null, enrolment, step, 0, UUID.randomUUID(), "me@ours.test", null,
				"ada@client.test", "Ada", "Hello", "<p>Hi</p>", "Hi", null, null);
	}

	private void status(NewRow row, String status) {
		fixtures.jdbc().sql("UPDATE outbox SET status = ? WHERE id = ?").params(status, row.id()).update();
	}

	private String partitionOf(NewRow row) {
		return fixtures.jdbc()
			.sql("SELECT tableoid::regclass::text FROM outbox WHERE id = ?")
			.param(row.id())
			.query(String.class)
			.single();
	}

	private long count(String sql, Object... params) {
		return fixtures.jdbc().sql(sql).params(params).query(Long.class).single();
	}

}
