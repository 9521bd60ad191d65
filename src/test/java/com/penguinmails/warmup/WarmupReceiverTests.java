package com.penguinmails.warmup;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.delivery.DirectMessages;
import com.penguinmails.delivery.Outbox;
import com.penguinmails.shared.NetworkPolicy;
import com.penguinmails.support.Dovecot;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.warmup.ReceivingFixtures.PoolMailbox;
import com.penguinmails.warmup.ReceivingFixtures.Sent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The receiving side against a real Dovecot whose Sieve scripts stand in for a provider's
 * spam filter: warmup mail filed into Junk is found there (spam), moved out (rescued),
 * marked read and flagged, answered at the receiver's reply rate and filed into "Warmup";
 * mail in the inbox is found there; what never arrives is missing after 24 hours; a
 * server without MOVE gets COPY + UID EXPUNGE; a reply typed by hand in a warmup thread
 * is filed, never answered.
 */
@IntegrationTest
class WarmupReceiverTests {

	@Autowired
	ReceivingFixtures pool;

	@Autowired
	WarmupReceiver receiver;

	@Autowired
	NetworkPolicy network;

	static String junkFrom(PoolMailbox sender) {
		return "require \"fileinto\";\nif address :is \"from\" \"" + sender.email()
				+ "\" { fileinto \"Junk\"; stop; }\n";
	}

	@Test
	void spamFiledWarmupMailIsRescuedFlaggedAnsweredAndFiled() {
		Dovecot dovecot = Dovecot.get();
		PoolMailbox ana = pool.mailbox("ana", 100);
		PoolMailbox bob = pool.mailbox("bob", 30);
		PoolMailbox cat = pool.mailbox("cat", 30);
		dovecot.sieve(ana.email(), junkFrom(bob));
		Instant now = Instant.now();
		Sent spammed = pool.send(bob, ana, now.minusSeconds(60));
		Sent inboxed = pool.send(cat, ana, now.minusSeconds(60));
		assertThat(dovecot.folder(ana.email(), "Junk")).extracting(Dovecot.Stored::messageId)
			.containsExactly(spammed.messageId());

		WarmupReceiver.Result result = receiver.check(ana.workspaceId(), ana.id(), now);

		assertThat(result.error()).isNull();
		assertThat(result).extracting("found", "rescued", "replied", "filed").containsExactly(2, 1, 2, 2);
		assertThat(pool.row(spammed.id())).containsEntry("placement", "spam")
			.containsEntry("found_folder", "Junk")
			.containsEntry("rescued", true)
			.containsEntry("filed", true)
			.containsEntry("replied", true);
		assertThat(pool.row(inboxed.id())).containsEntry("placement", "inbox")
			.containsEntry("rescued", false)
			.containsEntry("filed", true);
		assertThat(dovecot.folder(ana.email(), "Junk")).isEmpty();
		assertThat(dovecot.folder(ana.email(), "INBOX")).isEmpty();
		assertThat(dovecot.folder(ana.email(), "Warmup")).hasSize(2)
			.allSatisfy(message -> assertThat(message.seen() && message.flagged()).isTrue());
	}

	@Test
	void mailInAnotherFolderIsFoundThereByItsBodyTokenAlone() {
		Dovecot dovecot = Dovecot.get();
		PoolMailbox pia = pool.mailbox("pia", 0);
		PoolMailbox quin = pool.mailbox("quin", 0);
		// RFC 5490 :create: the provider sorts it into a tab of its own.
		dovecot.sieve(pia.email(), "require [\"fileinto\", \"mailbox\"];\nfileinto :create \"Promotions\";\n");
		Instant now = Instant.now();
		Sent sent = pool.send(quin, pia, now.minusSeconds(60), false);

		receiver.check(pia.workspaceId(), pia.id(), now);

		assertThat(pool.row(sent.id())).containsEntry("placement", "other")
			.containsEntry("found_folder", "Promotions")
			.containsEntry("rescued", false)
			.containsEntry("filed", true);
		assertThat(dovecot.folder(pia.email(), "Promotions")).isEmpty();
		assertThat(dovecot.folder(pia.email(), "Warmup")).extracting(Dovecot.Stored::messageId)
			.containsExactly(sent.messageId());
	}

	@Test
	void aReplyRowContinuesTheThreadFromTheReceiver() {
		Dovecot.get();
		PoolMailbox dan = pool.mailbox("dan", 100);
		PoolMailbox eve = pool.mailbox("eve", 0);
		Instant now = Instant.now();
		Sent sent = pool.send(eve, dan, now.minusSeconds(60));

		receiver.check(dan.workspaceId(), dan.id(), now);

		List<Map<String, Object>> replies = pool.replies(sent);
		assertThat(replies).hasSize(1);
		Map<String, Object> reply = replies.get(0);
		assertThat(reply).containsEntry("kind", "reply")
			.containsEntry("thread_id", pool.row(sent.id()).get("thread_id"))
			.containsEntry("sender_mailbox_id", dan.id())
			.containsEntry("recipient_mailbox_id", eve.id())
			.containsEntry("subject", "Re: " + sent.subject())
			.containsEntry("references_ids", sent.messageId());
		assertThat((String) reply.get("message_id")).endsWith(dan.email().substring(dan.email().indexOf('@')) + ">");
		String body = (String) reply.get("body");
		assertThat(body).contains("> " + sent.token()).contains("> The notes read well");
		assertThat(WarmupTokens.find(body)).hasSize(2).contains((String) reply.get("token"));
		Instant due = ((java.sql.Timestamp) reply.get("due_at")).toInstant();
		assertThat(due).isBetween(now.plus(Duration.ofMinutes(10)), now.plus(Duration.ofMinutes(120)));
		assertThat(reply.get("sent_at")).isNull();
	}

	@Test
	void aReceiverThatNeverAnswersQueuesNoReplyAndNothingIsHandledTwice() {
		Dovecot dovecot = Dovecot.get();
		PoolMailbox fay = pool.mailbox("fay", 0);
		PoolMailbox gus = pool.mailbox("gus", 100);
		Instant now = Instant.now();
		Sent sent = pool.send(gus, fay, now.minusSeconds(60));

		receiver.check(fay.workspaceId(), fay.id(), now);
		WarmupReceiver.Result again = receiver.check(fay.workspaceId(), fay.id(), now.plusSeconds(600));

		assertThat(pool.row(sent.id())).containsEntry("placement", "inbox")
			.containsEntry("replied", false)
			.containsEntry("filed", true);
		assertThat(pool.replies(sent)).isEmpty();
		assertThat(again).extracting("found", "replied", "filed", "missing").containsExactly(0, 0, 0, 0);
		assertThat(dovecot.folder(fay.email(), "Warmup")).hasSize(1);
	}

	@Test
	void whatNeverArrivesIsMissingAfter24Hours() {
		Dovecot dovecot = Dovecot.get();
		PoolMailbox hal = pool.mailbox("hal", 100);
		PoolMailbox ivy = pool.mailbox("ivy", 100);
		// The provider silently drops it (RFC 5228 §4.5 discard).
		dovecot.sieve(hal.email(), "discard;\n");
		Instant sentAt = Instant.now().minusSeconds(60);
		Sent lost = pool.send(ivy, hal, sentAt);

		WarmupReceiver.Result soon = receiver.check(hal.workspaceId(), hal.id(), sentAt.plus(Duration.ofHours(23)));
		assertThat(pool.row(lost.id())).containsEntry("placement", "pending");
		WarmupReceiver.Result later = receiver.check(hal.workspaceId(), hal.id(), sentAt.plus(Duration.ofHours(25)));

		assertThat(soon.missing()).isZero();
		assertThat(later.missing()).isEqualTo(1);
		assertThat(pool.row(lost.id())).containsEntry("placement", "missing").containsEntry("replied", false);
		assertThat(pool.replies(lost)).isEmpty();
	}

	@Test
	void aServerWithoutMoveGetsCopyAndUidExpunge() {
		Dovecot dovecot = Dovecot.get();
		network.allow(Dovecot.NO_MOVE_HOST, dovecot.imapPort());
		PoolMailbox jon = pool.mailbox("jon", 0, Dovecot.NO_MOVE_HOST);
		PoolMailbox kim = pool.mailbox("kim", 0);
		dovecot.sieve(jon.email(), junkFrom(kim));
		Instant now = Instant.now();
		Sent sent = pool.send(kim, jon, now.minusSeconds(60));

		WarmupReceiver.Result result = receiver.check(jon.workspaceId(), jon.id(), now);

		assertThat(result.error()).isNull();
		assertThat(pool.row(sent.id())).containsEntry("placement", "spam")
			.containsEntry("rescued", true)
			.containsEntry("filed", true);
		assertThat(dovecot.folder(jon.email(), "Junk")).isEmpty();
		assertThat(dovecot.folder(jon.email(), "INBOX")).isEmpty();
		assertThat(dovecot.folder(jon.email(), "Warmup")).extracting(Dovecot.Stored::messageId)
			.containsExactly(sent.messageId());
	}

	@Test
	void aReplyTypedByHandInAWarmupThreadIsFiledAndNeverAnswered() {
		Dovecot dovecot = Dovecot.get();
		PoolMailbox lea = pool.mailbox("lea", 100);
		PoolMailbox max = pool.mailbox("max", 100);
		Instant now = Instant.now();
		Sent ours = pool.send(lea, max, now.minusSeconds(3600));
		// Someone at max answers in the thread by hand: no token, no quote, threading
		// only.
		UUID id = UUID.randomUUID();
		pool.deliver(max, new DirectMessages.Direct(id, Outbox.messageId(id, max.email()), lea.email(), null,
				"Re: " + ours.subject(), null, "Tuesday is fine by me.", ours.messageId(), ours.messageId(), Map.of()));

		WarmupReceiver.Result result = receiver.check(lea.workspaceId(), lea.id(), now);

		assertThat(result).extracting("found", "replied", "filed").containsExactly(0, 0, 1);
		assertThat(dovecot.folder(lea.email(), "INBOX")).isEmpty();
		assertThat(dovecot.folder(lea.email(), "Warmup")).singleElement()
			.satisfies(message -> assertThat(message.flagged()).isTrue());
		assertThat(pool.replies(ours)).isEmpty();
	}

	@Test
	void tickChecksTheMailboxesWithWarmupMailOnItsWay() {
		Dovecot.get();
		PoolMailbox ned = pool.mailbox("ned", 0);
		PoolMailbox oda = pool.mailbox("oda", 0);
		Instant now = Instant.now();
		Sent sent = pool.send(oda, ned, now.minusSeconds(60));

		List<WarmupReceiver.Result> results = receiver.tick(now);

		// Nothing was sent to oda: its IMAP is not opened.
		assertThat(results).extracting(WarmupReceiver.Result::mailboxId).contains(ned.id()).doesNotContain(oda.id());
		assertThat(pool.row(sent.id())).containsEntry("placement", "inbox");
	}

}
