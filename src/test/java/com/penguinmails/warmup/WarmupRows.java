package com.penguinmails.warmup;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Warmup rows inserted as data, for tests of what reads them (the pool and the receiver
 * that write them are other parts).
 */
final class WarmupRows {

	private WarmupRows() {
	}

	static void enable(JdbcClient jdbc, UUID workspaceId, UUID mailboxId) {
		jdbc.sql("""
				INSERT INTO warmup_mailboxes (mailbox_id, workspace_id, enabled, start_per_day, increase_per_day,
				    max_per_day, reply_rate_percent, started_on)
				VALUES (?, ?, true, 3, 2, 40, 30, current_date - 10)""").params(mailboxId, workspaceId).update();
	}

	/**
	 * {@code count} sent warmup messages of the sender's day, found as {@code placement}.
	 */
	static void sent(JdbcClient jdbc, UUID workspaceId, UUID mailboxId, LocalDate day, String placement, int count) {
		for (int i = 0; i < count; i++) {
			String token = WarmupTokens.mint();
			Instant sentAt = day.atTime(9, 0).toInstant(java.time.ZoneOffset.UTC);
			jdbc.sql("""
					INSERT INTO warmup_messages (id, token, message_id, thread_id, kind, sender_workspace_id,
					    sender_mailbox_id, recipient_workspace_id, recipient_mailbox_id, subject, body, day, due_at,
					    sent_at, placement)
					VALUES (?, ?, ?, ?, 'initial', ?, ?, ?, ?, 'Hello', 'Hi', ?, ?, ?, ?)""")
				.params(UUID.randomUUID(), token, "<" + token + "@test>", UUID.randomUUID(), workspaceId, mailboxId,
						workspaceId, UUID.randomUUID(), Date.valueOf(day), Timestamp.from(sentAt),
						Timestamp.from(sentAt), placement)
				.update();
		}
	}

}
