package com.penguinmails.delivery;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

import com.penguinmails.alerts.Alert;
import com.penguinmails.alerts.Alerts;
import com.penguinmails.contacts.Suppressions;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.MailboxStatus;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the dispatcher makes of the server's replies, with a scripted SMTP server
 * (SubEthaSMTP): retries, bounces, and a server that cannot be reached.
 */
@IntegrationTest
class SmtpReplyTests {

	static ScriptedSmtpServer server;

	@Autowired
	Outbox outbox;

	@Autowired
	Dispatcher dispatcher;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	Suppressions suppressions;

	@Autowired
	Alerts alerts;

	@Autowired
	Fixtures fixtures;

	@Autowired
	ConfigurableApplicationContext context;

	@BeforeAll
	static void startServer() {
		server = new ScriptedSmtpServer();
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	private Mailbox mailbox(Account account, int port) {
		return Senders.mailbox(mailboxes, account.owner(), "jo@" + Senders.uniqueDomain("replies"), "Jo", port, "", "");
	}

	private record Row(String status, int attempts, Instant notBefore, String smtpReply, String failure) {
	}

	private Row row(UUID id) {
		return fixtures.jdbc()
			.sql("SELECT status, attempts, not_before, smtp_reply, failure FROM outbox WHERE id = ?")
			.param(id)
			.query((rs, i) -> new Row(rs.getString(1), rs.getInt(2), rs.getTimestamp(3).toInstant(), rs.getString(4),
					rs.getString(5)))
			.single();
	}

	private boolean handedOver(UUID id) {
		return fixtures.jdbc()
			.sql("SELECT handed_over_at IS NOT NULL FROM outbox WHERE id = ?")
			.param(id)
			.query(Boolean.class)
			.single();
	}

	@Test
	void aTemporaryFailureIsDeferredWithBackoffThenSent() {
		Account account = fixtures.verifiedAccount("dlv-4xx");
		Mailbox mailbox = mailbox(account, server.port());
		String to = "busy-" + UUID.randomUUID().toString().substring(0, 8) + "@recipients.test";
		server.reply(to, 451, "4.7.1 Greylisted, try again later");
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		Outbox.Queued queued = Senders.enqueue(outbox,
				Senders.message(account.owner(), UUID.randomUUID(), mailbox, to, "Retry me"), now);

		try (Senders.Events<MessageSent> sent = new Senders.Events<>(context, MessageSent.class)) {
			Senders.drain(dispatcher, now);
			Row deferred = row(queued.outboxId());
			assertThat(deferred.status()).isEqualTo("deferred");
			assertThat(deferred.attempts()).isEqualTo(1);
			assertThat(deferred.notBefore()).isEqualTo(now.plus(Duration.ofMinutes(5)));
			assertThat(deferred.smtpReply()).contains("451").contains("4.7.1");
			// Refused at RCPT: the data was never sent, so never handed over.
			assertThat(handedOver(queued.outboxId())).isFalse();

			Senders.drain(dispatcher, now.plus(Duration.ofMinutes(4)));
			assertThat(row(queued.outboxId()).status()).isEqualTo("deferred");

			Senders.drain(dispatcher, now.plus(Duration.ofMinutes(5)));
			Row done = row(queued.outboxId());
			assertThat(done.status()).isEqualTo("sent");
			assertThat(done.attempts()).isEqualTo(2);
			assertThat(done.smtpReply()).startsWith("250");
			assertThat(handedOver(queued.outboxId())).isTrue();
			assertThat(sent.seen()).filteredOn(e -> e.outboxId().equals(queued.outboxId()))
				.singleElement()
				.satisfies(e -> {
					assertThat(e.messageId()).isEqualTo(queued.messageId());
					assertThat(e.mailboxId()).isEqualTo(mailbox.id());
					assertThat(e.sentAt()).isEqualTo(now.plus(Duration.ofMinutes(5)));
				});
		}
	}

	@Test
	void aMessageStillRefusedAfterTheLastRetryFails() {
		Account account = fixtures.verifiedAccount("dlv-4xx-give-up");
		Mailbox mailbox = mailbox(account, server.port());
		String to = "never-" + UUID.randomUUID().toString().substring(0, 8) + "@recipients.test";
		for (int i = 0; i < 6; i++) {
			server.reply(to, 421, "4.4.2 Too many connections");
		}
		Instant at = Instant.now();
		Outbox.Queued queued = Senders.enqueue(outbox,
				Senders.message(account.owner(), UUID.randomUUID(), mailbox, to, "Never"), at);

		try (Senders.Events<MessageFailed> failed = new Senders.Events<>(context, MessageFailed.class)) {
			for (int attempt = 1; attempt <= 6; attempt++) {
				Senders.drain(dispatcher, at);
				Row row = row(queued.outboxId());
				assertThat(row.attempts()).isEqualTo(attempt);
				at = row.notBefore();
			}
			Row row = row(queued.outboxId());
			assertThat(row.status()).isEqualTo("failed");
			assertThat(row.failure()).isEqualTo("retries_exhausted");
			assertThat(failed.seen()).filteredOn(e -> e.outboxId().equals(queued.outboxId()))
				.singleElement()
				.satisfies(e -> assertThat(e.hardBounce()).isFalse());
		}
		assertThat(suppressions.isSuppressed(account.workspaceId(), to)).isFalse();
	}

	@Test
	void aHardBounceFailsSuppressesTheAddressAndPublishesMessageFailed() {
		Account account = fixtures.verifiedAccount("dlv-5xx");
		Mailbox mailbox = mailbox(account, server.port());
		String to = "gone-" + UUID.randomUUID().toString().substring(0, 8) + "@recipients.test";
		server.reply(to, 550, "5.1.1 <" + to + ">: Recipient address rejected: User unknown");
		String next = "next-" + UUID.randomUUID().toString().substring(0, 8) + "@recipients.test";
		UUID campaign = UUID.randomUUID();
		Instant now = Instant.now();
		Outbox.Queued bounced = Senders.enqueue(outbox, Senders.message(account.owner(), campaign, mailbox, to, "Hi"),
				now);
		Outbox.Queued fine = Senders.enqueue(outbox, Senders.message(account.owner(), campaign, mailbox, next, "Hi"),
				now.plusMillis(1));

		try (Senders.Events<MessageFailed> failed = new Senders.Events<>(context, MessageFailed.class)) {
			Senders.drain(dispatcher, now.plusMillis(1));

			Row row = row(bounced.outboxId());
			assertThat(row.status()).isEqualTo("failed");
			assertThat(row.attempts()).isEqualTo(1);
			assertThat(row.failure()).isEqualTo("hard_bounce");
			assertThat(row.smtpReply()).contains("550").contains("5.1.1");
			assertThat(suppressions.isSuppressed(account.workspaceId(), to)).isTrue();
			assertThat(failed.seen()).filteredOn(e -> e.outboxId().equals(bounced.outboxId()))
				.singleElement()
				.satisfies(e -> {
					assertThat(e.hardBounce()).isTrue();
					assertThat(e.toAddress()).isEqualTo(to);
					assertThat(e.campaignId()).isEqualTo(campaign);
					assertThat(e.smtpReply()).contains("5.1.1");
				});
		}
		// The same connection goes on with the next message.
		assertThat(row(fine.outboxId()).status()).isEqualTo("sent");
	}

	@Test
	void threeConnectionFailuresInARowPutTheMailboxInErrorHoldItsMessagesAndRaiseAnAlert() throws Exception {
		int closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		Account account = fixtures.verifiedAccount("dlv-down");
		Mailbox mailbox = mailbox(account, closed);
		Instant now = Instant.now();
		UUID campaign = UUID.randomUUID();
		Outbox.Queued first = Senders.enqueue(outbox,
				Senders.message(account.owner(), campaign, mailbox, "a@recipients.test", "A"), now);
		Outbox.Queued second = Senders.enqueue(outbox,
				Senders.message(account.owner(), campaign, mailbox, "b@recipients.test", "B"), now);

		for (int round = 0; round < 2; round++) {
			Instant at = now.plus(Dispatcher.CONNECTION_RETRY.multipliedBy(round));
			Senders.drain(dispatcher, at);
			Row row = row(first.outboxId());
			assertThat(row.status()).isEqualTo("queued");
			assertThat(row.attempts()).isZero();
			assertThat(row.notBefore()).isAfter(at);
			assertThat(mailboxes.get(account.owner(), mailbox.id()).status()).isEqualTo(MailboxStatus.ACTIVE);
		}
		Senders.drain(dispatcher, now.plus(Dispatcher.CONNECTION_RETRY.multipliedBy(2)));

		Mailbox errored = mailboxes.get(account.owner(), mailbox.id());
		assertThat(errored.status()).isEqualTo(MailboxStatus.ERROR);
		assertThat(errored.lastError()).contains("SMTP tcp");
		assertThat(List.of(row(first.outboxId()), row(second.outboxId()))).allSatisfy(row -> {
			assertThat(row.status()).isEqualTo("held");
			assertThat(row.attempts()).isZero();
		});
		// Held, not claimed, however late it gets.
		Senders.drain(dispatcher, now.plus(Duration.ofDays(1)));
		assertThat(row(first.outboxId()).status()).isEqualTo("held");
		await().untilAsserted(() -> assertThat(alerts.recent(account.owner(), 10)).extracting(Alert::title)
			.contains(mailbox.email() + " stopped sending"));

		// Fixed (here: paused, then pointed at a working server and active again): the
		// held
		// messages go out.
		mailboxes.update(account.owner(), mailbox.id(),
				new com.penguinmails.mailboxes.MailboxChanges(null, null,
						new com.penguinmails.mailboxes.ServerSettings(null, server.port(), null, null, null), null,
						null, null, null, null, null));
		mailboxes.pause(account.owner(), mailbox.id(), false);
		Senders.drain(dispatcher, now.plus(Duration.ofDays(1)));
		assertThat(row(first.outboxId()).status()).isEqualTo("sent");
		assertThat(row(second.outboxId()).status()).isEqualTo("sent");
	}

}
