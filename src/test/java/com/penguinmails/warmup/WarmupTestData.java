package com.penguinmails.warmup;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.NewMailbox;
import com.penguinmails.mailboxes.Security;
import com.penguinmails.mailboxes.ServerSettings;
import com.penguinmails.support.Fixtures.Account;

/**
 * Warmup test data: mailboxes (connected, not tested: nothing is sent) and
 * {@code warmup_messages} rows as the pool and the receiving side leave them, so the
 * schedule's views and the closed loop react to real rows.
 */
final class WarmupTestData {

	private WarmupTestData() {
	}

	static Mailbox mailbox(Mailboxes mailboxes, Account account, String name) {
		String email = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@warm.test";
		return mailboxes.add(account.owner(),
				new NewMailbox(email, name, "generic",
						new ServerSettings("127.0.0.1", 2525, Security.NONE, email, "secret"),
						new ServerSettings("127.0.0.1", 1143, Security.NONE, email, null), "", "", 30, 60, 300));
	}

	/**
	 * A sent warmup message from {@code from} to {@code to} of {@code from}'s warmup day
	 * {@code day}, sent at {@code sentAt}, found at {@code placement}.
	 */
	static void sent(JdbcClient jdbc, Account fromAccount, UUID from, Account toAccount, UUID to, String kind,
			LocalDate day, Instant sentAt, Placement placement, boolean rescued) {
		sent(jdbc, fromAccount.workspaceId(), from, toAccount.workspaceId(), to, kind, day, sentAt, placement, rescued);
	}

	/**
	 * {@code count} warmup messages the mailbox sent on its day {@code day} (at 09:00
	 * UTC) to mailboxes of no interest, found as {@code placement}.
	 */
	static void sent(JdbcClient jdbc, UUID workspaceId, UUID mailboxId, LocalDate day, Placement placement, int count) {
		Instant sentAt = day.atTime(9, 0).toInstant(java.time.ZoneOffset.UTC);
		for (int i = 0; i < count; i++) {
			sent(jdbc, workspaceId, mailboxId, workspaceId, UUID.randomUUID(), "initial", day, sentAt, placement,
					false);
		}
	}

	/** Warmup on for the mailbox: started 10 days ago, standard numbers. */
	static void enable(JdbcClient jdbc, UUID workspaceId, UUID mailboxId) {
		jdbc.sql("""
				INSERT INTO warmup_mailboxes (mailbox_id, workspace_id, enabled, start_per_day, increase_per_day,
				    max_per_day, reply_rate_percent, started_on)
				VALUES (?, ?, true, 3, 2, 40, 30, current_date - 10)""").params(mailboxId, workspaceId).update();
	}

	private static void sent(JdbcClient jdbc, UUID fromWorkspace, UUID from, UUID toWorkspace, UUID to, String kind,
			LocalDate day, Instant sentAt, Placement placement, boolean rescued) {
		String token = WarmupTokens.mint();
		jdbc.sql(
				"""
						INSERT INTO warmup_messages (id, token, message_id, thread_id, kind, sender_workspace_id,
						    sender_mailbox_id, recipient_workspace_id, recipient_mailbox_id, subject, body, day, due_at, sent_at,
						    placement, rescued)
						VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'Lunch on Thursday?', 'Hi', ?, ?, ?, ?, ?)""")
			.params(UUID.randomUUID(), token, "<" + token + "@warm.test>", UUID.randomUUID(), kind, fromWorkspace, from,
					toWorkspace, to, Date.valueOf(day), Timestamp.from(sentAt), Timestamp.from(sentAt),
					placement.value(), rescued)
			.update();
	}

	/**
	 * Turns off every warmup mailbox of other tests, so a test's pool is exactly what it
	 * builds; returns them for {@link #restorePools}.
	 */
	static java.util.List<UUID> switchOffOtherPools(JdbcClient jdbc) {
		return jdbc.sql("UPDATE warmup_mailboxes SET enabled = false WHERE enabled RETURNING mailbox_id")
			.query(UUID.class)
			.list();
	}

	/**
	 * Turns the test's own pool off and the others' back on. What the test's pool sent
	 * and nobody looked for is counted missing, so later receiving rounds of other tests
	 * do not read hundreds of its messages.
	 */
	static void restorePools(JdbcClient jdbc, java.util.List<UUID> switchedOff) {
		jdbc.sql(
				"""
						UPDATE warmup_messages SET placement = 'missing'
						WHERE placement = 'pending' AND recipient_mailbox_id IN (SELECT mailbox_id FROM warmup_mailboxes WHERE enabled)""")
			.update();
		jdbc.sql("UPDATE warmup_mailboxes SET enabled = false WHERE enabled").update();
		jdbc.sql("UPDATE warmup_mailboxes SET enabled = true WHERE mailbox_id = ANY (?)")
			.param(switchedOff.toArray(UUID[]::new))
			.update();
	}

}
