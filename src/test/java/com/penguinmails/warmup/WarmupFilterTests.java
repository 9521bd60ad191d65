package com.penguinmails.warmup;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.inbound.InboundFixtures;
import com.penguinmails.inbound.InboundSync;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.warmup.internal.WarmupContent;

import static com.penguinmails.inbound.InboundFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inbound's sync skips warmup mail through {@code inbound.WarmupFilter}: a warmup message
 * (its token in the body only, as when a receiver strips custom headers) and a reply
 * typed by hand in a warmup thread and a bounce of a warmup message sit in INBOX next to
 * a real reply; the sync stores only the real one, and the folder's position still moves
 * past all four.
 */
@IntegrationTest
class WarmupFilterTests {

	@Autowired
	InboundFixtures setup;

	@Autowired
	InboundSync sync;

	@Autowired
	Fixtures fixtures;

	/** A sent warmup row between the mailbox and another; returns its Message-ID. */
	String warmupRow(UUID workspaceId, UUID from, UUID to, String token) {
		UUID id = UUID.randomUUID();
		String messageId = "<" + id + "@pool.test>";
		fixtures.jdbc()
			.sql("""
					INSERT INTO warmup_messages (id, token, message_id, thread_id, kind, sender_workspace_id,
					    sender_mailbox_id, recipient_workspace_id, recipient_mailbox_id, subject, body, day, due_at,
					    sent_at)
					VALUES (?, ?, ?, ?, 'initial', ?, ?, ?, ?, 'Lunch on Thursday?', 'Hi', ?, ?, ?)""")
			.params(id, token, messageId, UUID.randomUUID(), workspaceId, from, workspaceId, to, LocalDate.now(),
					Timestamp.from(Instant.now()), Timestamp.from(Instant.now()))
			.update();
		return messageId;
	}

	@Test
	void warmupMailAndHandTypedThreadRepliesNeverReachTheInbox() throws Exception {
		InboundFixtures.Sender sender = setup.sender("warmup-filter");
		UUID mailbox = sender.mailbox().id();
		UUID workspace = sender.account().workspaceId();
		UUID partner = UUID.randomUUID();
		String received = WarmupTokens.mint();
		warmupRow(workspace, partner, mailbox, received);
		String ours = warmupRow(workspace, mailbox, partner, WarmupTokens.mint());
		String to = sender.mailbox().email();

		sender.user()
			.deliver(message("pat@pool.test", to, "Lunch on Thursday?",
					WarmupContent.withToken("Thursday works for me.", received), Map.of()));
		sender.user()
			.deliver(message("pat@pool.test", to, "Re: Lunch on Thursday?", "Sure, see you then.",
					Map.of("In-Reply-To", ours, "References", ours)));
		// A bounce of our warmup message, its headers attached (RFC 6522).
		InboundFixtures.deliverRaw(sender.user(), InboundFixtures.dsn(to, "gone@pool.test", "failed", "5.1.1",
				"550 5.1.1 User unknown", UUID.randomUUID(), ours));
		// Token-shaped, but no warmup message has it: ordinary mail.
		sender.user()
			.deliver(message("ada@client.test", to, "Question", "Is wu-aaaaaaaaaaaa your reference?", Map.of()));
		InboundSync.Result result = sync.sync(workspace, mailbox);

		assertThat(result.error()).isNull();
		assertThat(result.stored()).isEqualTo(1);
		assertThat(fixtures.jdbc()
			.sql("SELECT subject FROM inbound_messages WHERE mailbox_id = ?")
			.param(mailbox)
			.query(String.class)
			.list()).containsExactly("Question");
		assertThat(fixtures.jdbc()
			.sql("SELECT last_uid FROM inbound_folders WHERE mailbox_id = ? AND folder = 'INBOX'")
			.param(mailbox)
			.query(Long.class)
			.single()).isEqualTo(4L);
	}

}
