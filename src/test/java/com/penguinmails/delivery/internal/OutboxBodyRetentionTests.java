package com.penguinmails.delivery.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.shared.RetentionProperties;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outbox bodies past {@code penguinmails.retention.outbox-bodies}: final messages lose
 * their HTML and text, keep their Message-ID (reply matching) and outcome; waiting and
 * recent ones keep everything; without a retention nothing changes.
 */
@IntegrationTest
class OutboxBodyRetentionTests {

	@Autowired
	Fixtures fixtures;

	@Test
	void finalMessagesOlderThanTheRetentionLoseTheirBodiesOnly() {
		UUID workspace = fixtures.verifiedAccount("bodies").workspaceId();
		// Long ago, so that no other test's messages are that old.
		Instant now = Instant.parse("2001-06-30T12:00:00Z");
		UUID oldSent = outbox(workspace, "sent", now.minus(Duration.ofDays(40)));
		UUID oldFailed = outbox(workspace, "failed", now.minus(Duration.ofDays(45)));
		UUID recentSent = outbox(workspace, "sent", now.minus(Duration.ofDays(10)));
		UUID oldQueued = outbox(workspace, "queued", now.minus(Duration.ofDays(40)));
		OutboxBodyRetention retention = new OutboxBodyRetention(fixtures.jdbc(),
				new RetentionProperties(null, null, Period.ofDays(30), null), Clock.systemUTC());

		long dropped = retention.drop(now);

		assertThat(dropped).isGreaterThanOrEqualTo(2);
		assertThat(row(oldSent)).containsEntry("html", null)
			.containsEntry("text", "")
			.containsEntry("message_id", "<" + oldSent + "@ours.test>")
			.containsEntry("status", "sent");
		assertThat(row(oldFailed)).containsEntry("html", null).containsEntry("text", "");
		assertThat(row(recentSent)).containsEntry("html", "<p>Hi</p>").containsEntry("text", "Hi");
		assertThat(row(oldQueued)).containsEntry("html", "<p>Hi</p>").containsEntry("text", "Hi");
		assertThat(retention.drop(now)).isZero();
	}

	@Test
	void withoutARetentionBodiesStay() {
		UUID workspace = fixtures.verifiedAccount("bodies-kept").workspaceId();
		UUID old = outbox(workspace, "sent", Instant.parse("2000-01-01T00:00:00Z"));
		OutboxBodyRetention retention = new OutboxBodyRetention(fixtures.jdbc(),
				new RetentionProperties(null, null, Period.ZERO, null), Clock.systemUTC());

		assertThat(retention.drop(Instant.now())).isZero();
		assertThat(row(old)).containsEntry("text", "Hi");
	}

	private UUID outbox(UUID workspace, String status, Instant at) {
		UUID id = UUID.randomUUID();
		Timestamp when = Timestamp.from(at);
		fixtures.jdbc()
			.sql("""
					INSERT INTO outbox (id, workspace_id, mailbox_id, to_address, to_domain, subject, html, text, message_id,
					    status, not_before, created_at, sent_at)
					VALUES (?, ?, ?, 'ada@client.test', 'client.test', 'Hello', '<p>Hi</p>', 'Hi', ?, ?, ?, ?, ?)""")
			.params(id, workspace, UUID.randomUUID(), "<" + id + "@ours.test>", status, when, when,
					"sent".equals(status) ? when : null)
			.update();
		return id;
	}

	private Map<String, Object> row(UUID id) {
		return fixtures.jdbc()
			.sql("SELECT html, text, message_id, status FROM outbox WHERE id = ?")
			.param(id)
			.query()
			.singleRow();
	}

}
