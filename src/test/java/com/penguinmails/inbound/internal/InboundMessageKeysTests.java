package com.penguinmails.inbound.internal;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.inbound.MessageKind;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * inbound_messages is partitioned by received_at (V89), so its dedupe keys live in
 * inbound_message_keys: the same message read twice is stored once even when the second
 * read dates it into another month (another partition), and an erased person's keys go
 * with their messages.
 */
@IntegrationTest
class InboundMessageKeysTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	InboundStore store;

	@Autowired
	InboundPersonalData personalData;

	@Test
	void theSameUidReadAgainIsStoredOnceWhateverDateItIsGiven() {
		UUID workspace = fixtures.verifiedAccount("keys-uid").workspaceId();
		UUID mailbox = UUID.randomUUID();

		boolean first = store.insert(message(workspace, mailbox, 7, 42, "<a-1@client.test>", "2026-01-10T09:00:00Z"),
				Instant.now());
		boolean again = store.insert(message(workspace, mailbox, 7, 42, null, "2026-05-10T09:00:00Z"), Instant.now());

		assertThat(first).isTrue();
		assertThat(again).isFalse();
		assertThat(stored(mailbox)).isOne();
	}

	@Test
	void theSameMessageIdAfterAUidValidityChangeIsStoredOnce() {
		UUID workspace = fixtures.verifiedAccount("keys-mid").workspaceId();
		UUID mailbox = UUID.randomUUID();

		store.insert(message(workspace, mailbox, 7, 1, "<b-1@client.test>", "2025-12-31T23:59:00Z"), Instant.now());
		// RFC 3501 §2.3.1.1: a new UIDVALIDITY renumbers the folder; the server dates it
		// anew.
		boolean renumbered = store
			.insert(message(workspace, mailbox, 8, 1, "<b-1@client.test>", "2026-02-01T00:00:00Z"), Instant.now());
		boolean another = store.insert(message(workspace, mailbox, 8, 2, "<b-2@client.test>", "2026-02-01T00:00:00Z"),
				Instant.now());

		assertThat(renumbered).isFalse();
		assertThat(another).isTrue();
		assertThat(stored(mailbox)).isEqualTo(2);
		assertThat(fixtures.jdbc()
			.sql("SELECT count(*) FROM inbound_message_keys WHERE mailbox_id = ?")
			.param(mailbox)
			.query(Long.class)
			.single()).isEqualTo(2);
	}

	@Test
	void erasingAPersonForgetsTheKeysOfTheirMessages() {
		UUID workspace = fixtures.verifiedAccount("keys-erase").workspaceId();
		UUID mailbox = UUID.randomUUID();
		UUID contact = UUID.randomUUID();
		InboundStore.NewMessage theirs = message(workspace, mailbox, 7, 1, "<c-1@client.test>", "2026-03-03T10:00:00Z");
		store.insert(withContact(theirs, contact), Instant.now());

		personalData.erase(workspace, contact);

		assertThat(stored(mailbox)).isZero();
		assertThat(fixtures.jdbc()
			.sql("SELECT count(*) FROM inbound_message_keys WHERE mailbox_id = ?")
			.param(mailbox)
			.query(Long.class)
			.single()).isZero();
	}

	private long stored(UUID mailbox) {
		return fixtures.jdbc()
			.sql("SELECT count(*) FROM inbound_messages WHERE mailbox_id = ?")
			.param(mailbox)
			.query(Long.class)
			.single();
	}

	private static InboundStore.NewMessage message(UUID workspace, UUID mailbox, long uidValidity, long uid,
			String messageId, String receivedAt) {
		UUID id = UUID.randomUUID();
		return new InboundStore.NewMessage(id, workspace, mailbox, "in", "INBOX", uidValidity, uid, messageId, null,
				null, "ada@client.test", "Ada", "us@ours.test", "Hello", null, Instant.parse(receivedAt), 10,
				MessageKind.OTHER, null, null, null, null, null, null, null, "", "", "Hello", "", null, null, null,
				null, null, null, id, true);
	}

	private static InboundStore.NewMessage withContact(InboundStore.NewMessage m, UUID contact) {
		return new InboundStore.NewMessage(m.id(), m.workspaceId(), m.mailboxId(), m.direction(), m.folder(),
				m.uidValidity(), m.uid(), m.messageId(), m.inReplyTo(), m.references(), m.fromAddress(), m.fromName(),
				m.toAddresses(), m.subject(), m.sentAt(), m.receivedAt(), m.size(), m.kind(), m.bounceType(),
				m.bounceStatus(), m.bouncedAddress(), m.diagnostic(), m.bounceReason(), m.replyCode(), m.remoteMta(),
				m.flags(), m.problems(), m.textBody(), m.htmlBody(), m.raw(), m.outboxId(), m.sentBy(), m.campaignId(),
				m.enrolmentId(), contact, m.threadId(), m.unread());
	}

}
