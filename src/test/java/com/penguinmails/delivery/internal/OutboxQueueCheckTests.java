package com.penguinmails.delivery.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.shared.SystemCheck.Result;
import com.penguinmails.shared.SystemCheck.Status;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox's check on the system status page as its queue fills and ages: ok while
 * nothing due has waited 15 minutes, a warning after, failing after an hour, and ok again
 * once the dispatcher has sent what waited. Read at instants long ago, so that only this
 * test's messages are due then.
 */
@IntegrationTest
class OutboxQueueCheckTests {

	@Autowired
	Fixtures fixtures;

	@Test
	void theGradeFollowsTheAgeOfTheOldestDueMessage() {
		UUID workspace = fixtures.verifiedAccount("outbox-check").workspaceId();
		Instant due = Instant.parse("1850-06-01T12:00:00Z").plus(Duration.ofDays(new java.util.Random().nextInt(3000)));
		assertThat(at(due.minusSeconds(1)).status()).isEqualTo(Status.OK);

		List<UUID> waiting = List.of(queued(workspace, due), queued(workspace, due.plusSeconds(60)),
				queued(workspace, due.plusSeconds(120)));

		Result fresh = at(due.plus(Duration.ofMinutes(5)));
		assertThat(fresh.status()).isEqualTo(Status.OK);
		assertThat(fresh.summary()).isEqualTo("3 messages due, the oldest waiting 5 min.");
		assertThat(fresh.figures()).containsEntry("due", 3L);

		Result late = at(due.plus(Duration.ofMinutes(20)));
		assertThat(late.status()).isEqualTo(Status.WARNING);
		assertThat(late.whatToDo()).contains("runs the dispatcher");

		Result stuck = at(due.plus(Duration.ofHours(2)));
		assertThat(stuck.status()).isEqualTo(Status.FAILING);
		assertThat(stuck.summary()).isEqualTo("3 messages due, the oldest waiting 2 h.");

		fixtures.jdbc()
			.sql("UPDATE outbox SET status = 'sent', sent_at = now() WHERE id = ANY (?)")
			.param(waiting.toArray(UUID[]::new))
			.update();
		assertThat(at(due.plus(Duration.ofHours(2))).status()).isEqualTo(Status.OK);
	}

	private Result at(Instant now) {
		return new OutboxQueueCheck(fixtures.jdbc(), Clock.fixed(now, ZoneOffset.UTC)).run();
	}

	private UUID queued(UUID workspace, Instant notBefore) {
		UUID id = UUID.randomUUID();
		fixtures.jdbc()
			.sql("""
					INSERT INTO outbox (id, workspace_id, mailbox_id, to_address, to_domain, subject, html, text, message_id,
					    status, not_before, created_at)
					VALUES (?, ?, ?, 'ada@client.test', 'client.test', 'Hello', '<p>Hi</p>', 'Hi', ?, 'queued', ?, now())""")
			.params(id, workspace, UUID.randomUUID(), "<" + id + "@ours.test>", Timestamp.from(notBefore))
			.update();
		return id;
	}

}
