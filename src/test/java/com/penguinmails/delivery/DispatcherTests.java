package com.penguinmails.delivery;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.impl.DNSPublicKeyRecordRetriever;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.SimpleResolver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

import com.penguinmails.domains.Domain;
import com.penguinmails.domains.Domains;
import com.penguinmails.domains.NewDomain;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.shared.CursorPage;
import com.penguinmails.shared.WorkspaceRole;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.TestDnsServer;

import static org.assertj.core.api.Assertions.assertThat;

/** The dispatcher against a real SMTP server (GreenMail) and the test DNS server. */
@IntegrationTest
class DispatcherTests {

	static GreenMail smtp;

	@Autowired
	Outbox outbox;

	@Autowired
	Dispatcher dispatcher;

	@Autowired
	SendingSwitch sending;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	Domains domains;

	@Autowired
	TrackingLinks trackingLinks;

	@Autowired
	com.penguinmails.tracking.internal.LinkTokens linkTokens;

	@Autowired
	com.penguinmails.contacts.Suppressions suppressions;

	@Autowired
	Fixtures fixtures;

	@Autowired
	com.penguinmails.delivery.internal.DispatchSignal signal;

	@Autowired
	org.springframework.transaction.support.TransactionTemplate transactions;

	@Autowired
	ConfigurableApplicationContext context;

	@BeforeAll
	static void startSmtp() {
		smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		smtp.start();
		smtp.setUser("sender@greenmail.test", Senders.SMTP_LOGIN, Senders.SMTP_PASSWORD);
	}

	@AfterAll
	static void stopSmtp() {
		smtp.stop();
	}

	private Mailbox mailbox(Account account, String domain) {
		return Senders.mailbox(mailboxes, account.owner(), "jo@" + domain, "Jo Pingüino Ñúñez",
				smtp.getSmtp().getPort(), "<p>Jo, <b>Outreach</b></p>", "replies@" + domain);
	}

	/** The received messages carrying one of these Message-IDs. */
	private List<MimeMessage> received(Set<String> messageIds) throws Exception {
		List<MimeMessage> found = new ArrayList<>();
		for (MimeMessage message : smtp.getReceivedMessages()) {
			if (messageIds.contains(message.getMessageID())) {
				found.add(message);
			}
		}
		return found;
	}

	private MimeMessage receivedOne(String messageId) throws Exception {
		List<MimeMessage> found = received(Set.of(messageId));
		assertThat(found).hasSize(1);
		return found.get(0);
	}

	private String status(UUID outboxId) {
		return fixtures.jdbc()
			.sql("SELECT status FROM outbox WHERE id = ?")
			.param(outboxId)
			.query(String.class)
			.single();
	}

	@Test
	void queuingTellsThisNodesDispatcherOnceTheRowsCommitAndNotWhenTheyRollBack() {
		Account account = fixtures.verifiedAccount("dlv-signal");
		Mailbox mailbox = mailbox(account, Senders.uniqueDomain("signal"));
		// Due in ten years: no other test's drain sends it.
		Instant later = Instant.now().plus(Duration.ofDays(3650));
		signal.take();

		transactions.executeWithoutResult(tx -> {
			Senders.enqueue(outbox,
					Senders.message(account.owner(), UUID.randomUUID(), mailbox, "signal@recipients.test", "Signal"),
					later);
			assertThat(signal.take()).as("not before the commit: no node could claim the rows yet").isFalse();
		});
		assertThat(signal.take()).as("raised by the commit").isTrue();
		assertThat(signal.take()).as("lowered once taken").isFalse();

		transactions.executeWithoutResult(tx -> {
			Senders.enqueue(outbox,
					Senders.message(account.owner(), UUID.randomUUID(), mailbox, "undone@recipients.test", "Undone"),
					later);
			tx.setRollbackOnly();
		});
		assertThat(signal.take()).as("nothing to claim after a rollback").isFalse();
	}

	@Test
	void deliversAQueuedMessageWithItsHeadersAndSignature() throws Exception {
		Account account = fixtures.verifiedAccount("dlv-headers");
		String domain = Senders.uniqueDomain("headers");
		Mailbox mailbox = mailbox(account, domain);
		OutgoingMessage message = new OutgoingMessage(account.workspaceId(), UUID.randomUUID(), UUID.randomUUID(), 1, 0,
				mailbox.id(), mailbox.email(), null, "ana@recipients.test", "Ana Øster", "Quick question, Ana",
				"<html><body><p>Hi Ana</p></body></html>", "Hi Ana", "<first@" + domain + ">",
				"<root@" + domain + "> <first@" + domain + ">");
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Outbox.Queued queued = Senders.enqueue(outbox, message, now);

		Senders.drain(dispatcher, now);

		MimeMessage received = receivedOne(queued.messageId());
		assertThat(received.getMessageID()).isEqualTo(queued.messageId());
		InternetAddress from = (InternetAddress) received.getFrom()[0];
		assertThat(from.getAddress()).isEqualTo(mailbox.email());
		assertThat(from.getPersonal()).isEqualTo("Jo Pingüino Ñúñez");
		assertThat(received.getHeader("From", null)).contains("=?UTF-8?").doesNotContain("ü");
		InternetAddress to = (InternetAddress) received.getRecipients(Message.RecipientType.TO)[0];
		assertThat(to.getAddress()).isEqualTo("ana@recipients.test");
		assertThat(to.getPersonal()).isEqualTo("Ana Øster");
		assertThat(((InternetAddress) received.getReplyTo()[0]).getAddress()).isEqualTo("replies@" + domain);
		assertThat(received.getSubject()).isEqualTo("Quick question, Ana");
		assertThat(received.getSentDate()).isNotNull();
		assertThat(received.getHeader("In-Reply-To", null)).isEqualTo("<first@" + domain + ">");
		assertThat(received.getHeader("References", null).replaceAll("\\s+", " "))
			.isEqualTo("<root@" + domain + "> <first@" + domain + ">");
		String unsubscribe = received.getHeader("List-Unsubscribe", null);
		// The link the body's {{ unsubscribe_url }} gives, copied as it is (RFC 8058).
		assertThat(unsubscribe).isEqualTo("<" + trackingLinks.unsubscribeUrl(message.enrolmentId(), message.step())
				+ ">, <mailto:" + mailbox.email() + "?subject=unsubscribe>");
		String token = unsubscribe.substring(unsubscribe.indexOf("/u/") + 3, unsubscribe.indexOf('>'));
		assertThat(linkTokens.parse(token)).hasValueSatisfying(link -> {
			assertThat(link.unsubscribe()).isTrue();
			assertThat(link.enrolmentId()).isEqualTo(message.enrolmentId());
			assertThat(link.step()).isEqualTo(1);
		});
		assertThat(linkTokens.parse(token.substring(0, token.length() - 2) + "AA")).isEmpty();
		assertThat(received.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
		assertThat(received.getHeader("X-PenguinMails-ID", null)).isEqualTo(queued.outboxId().toString());
		MimeMultipart alternative = (MimeMultipart) received.getContent();
		assertThat(alternative.getContentType()).startsWith("multipart/alternative");
		assertThat(alternative.getBodyPart(0).getContent().toString()).contains("Hi Ana");
		assertThat(alternative.getBodyPart(1).getContentType()).startsWith("text/html");
		assertThat(alternative.getBodyPart(1).getContent().toString())
			.contains("<p>Hi Ana</p><div class=\"signature\"><p>Jo, <b>Outreach</b></p></div></body>");

		// No DKIM key for this domain: sent unsigned, and the row says why.
		assertThat(received.getHeader("DKIM-Signature")).isNull();
		assertThat(fixtures.jdbc()
			.sql("SELECT status || ' ' || attempts || ' ' || note FROM outbox WHERE id = ?")
			.param(queued.outboxId())
			.query(String.class)
			.single()).startsWith("sent 1 unsigned: " + domain);
	}

	@Test
	void signsWithTheDomainsDkimKeyAndTheSignatureVerifiesAgainstDns() throws Exception {
		Account account = fixtures.verifiedAccount("dlv-dkim");
		Domain domain = domains.add(account.owner(), new NewDomain(Senders.uniqueDomain("dkim"), false, "", ""));
		TestDnsServer.shared().publishZone(domains.zoneSnippet(domains.records(account.owner(), domain.id())));
		Mailbox mailbox = mailbox(account, domain.name());
		Instant now = Instant.now();
		Outbox.Queued queued = Senders.enqueue(outbox, Senders.message(account.owner(), UUID.randomUUID(), mailbox,
				"signed@recipients.test", "Signed, sealed"), now);

		Senders.drain(dispatcher, now);

		MimeMessage received = receivedOne(queued.messageId());
		assertThat(received.getHeader("DKIM-Signature")).hasSize(1);
		ByteArrayOutputStream raw = new ByteArrayOutputStream();
		received.writeTo(raw);
		SimpleResolver resolver = new SimpleResolver(InetAddress.getLoopbackAddress());
		resolver.setPort(TestDnsServer.shared().port());
		DKIMVerifier verifier = new DKIMVerifier(new DNSPublicKeyRecordRetriever(resolver));
		List<SignatureRecord> signatures = verifier.verify(new ByteArrayInputStream(raw.toByteArray()));
		assertThat(signatures).hasSize(1);
		SignatureRecord signature = signatures.get(0);
		assertThat(signature.getDToken().toString()).isEqualTo(domain.name());
		assertThat(signature.getSelector().toString()).isEqualTo(domain.dkimSelector());
		assertThat(signature.getHeaderCanonicalisationMethod()).isEqualTo("relaxed");
		assertThat(signature.getBodyCanonicalisationMethod()).isEqualTo("relaxed");
		assertThat(signature.getHeaders().stream().map(h -> h.toString().toLowerCase())).contains("from", "to",
				"subject", "date", "message-id", "mime-version", "content-type", "list-unsubscribe",
				"list-unsubscribe-post");
		assertThat(received.getMessageID()).isEqualTo(queued.messageId());
		assertThat(fixtures.jdbc()
			.sql("SELECT dkim_domain FROM outbox WHERE id = ?")
			.param(queued.outboxId())
			.query(String.class)
			.single()).isEqualTo(domain.name());
	}

	@Test
	void aSubjectWithLineBreaksCannotInjectAHeader() throws Exception {
		Account account = fixtures.verifiedAccount("dlv-inject");
		Mailbox mailbox = mailbox(account, Senders.uniqueDomain("inject"));
		Instant now = Instant.now();
		Outbox.Queued queued = Senders.enqueue(outbox, Senders.message(account.owner(), UUID.randomUUID(), mailbox,
				"victim@recipients.test", "Hello\r\nBcc: attacker@evil.test\r\nX-Injected: yes"), now);

		Senders.drain(dispatcher, now);

		MimeMessage received = receivedOne(queued.messageId());
		assertThat(received.getHeader("Bcc")).isNull();
		assertThat(received.getHeader("X-Injected")).isNull();
		assertThat(received.getSubject()).isEqualTo("Hello Bcc: attacker@evil.test X-Injected: yes");
		assertThat(Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
			try {
				return queued.messageId().equals(m.getMessageID());
			}
			catch (Exception ex) {
				return false;
			}
		})).hasSize(1);
	}

	@Test
	void aSuppressedAddressIsNotSentAndItsMessageIsCancelled() throws Exception {
		Account account = fixtures.verifiedAccount("dlv-suppressed");
		Mailbox mailbox = mailbox(account, Senders.uniqueDomain("suppressed"));
		suppressions.suppress(account.workspaceId(), "left@recipients.test", "unsubscribed");
		Instant now = Instant.now();
		Outbox.Queued queued = Senders.enqueue(outbox,
				Senders.message(account.owner(), UUID.randomUUID(), mailbox, "left@recipients.test", "Still there?"),
				now);

		try (Senders.Events<MessageFailed> failed = new Senders.Events<>(context, MessageFailed.class)) {
			Senders.drain(dispatcher, now);
			assertThat(failed.seen()).filteredOn(e -> e.outboxId().equals(queued.outboxId()))
				.singleElement()
				.satisfies(e -> assertThat(e.hardBounce()).isFalse());
		}
		assertThat(status(queued.outboxId())).isEqualTo("cancelled");
		assertThat(received(Set.of(queued.messageId()))).isEmpty();
	}

	@Test
	void twoDispatchersAtOnceSendEveryMessageExactlyOnce() throws Exception {
		Account account = fixtures.verifiedAccount("dlv-race");
		Mailbox mailbox = mailbox(account, Senders.uniqueDomain("race"));
		UUID campaign = UUID.randomUUID();
		Instant now = Instant.now();
		Set<String> messageIds = new HashSet<>();
		for (int i = 0; i < 200; i++) {
			messageIds.add(
					Senders
						.enqueue(outbox, Senders.message(account.owner(), campaign, mailbox,
								"lead" + i + "@recipients.test", "Hi " + i), now)
						.messageId());
		}

		List<CompletableFuture<Integer>> dispatchers = IntStream.range(0, 2)
			.mapToObj(n -> CompletableFuture.supplyAsync(() -> {
				int total = 0;
				int claimed;
				do {
					claimed = dispatcher.dispatch(now, 20);
					total += claimed;
				}
				while (claimed > 0);
				return total;
			}))
			.toList();
		int claimed = dispatchers.stream().mapToInt(CompletableFuture::join).sum();

		assertThat(claimed).isGreaterThanOrEqualTo(200);
		List<MimeMessage> received = received(messageIds);
		assertThat(received).hasSize(200);
		Set<String> distinct = new HashSet<>();
		for (MimeMessage message : received) {
			distinct.add(message.getMessageID());
		}
		assertThat(distinct).isEqualTo(messageIds);
		assertThat(fixtures.jdbc()
			.sql("SELECT count(*) FROM outbox WHERE campaign_id = ? AND status = 'sent' AND attempts = 1")
			.param(campaign)
			.query(Long.class)
			.single()).isEqualTo(200);
	}

	@Test
	void aMessageLeftSendingIsSentAgainOnlyOnceItsLeaseRunsOut() throws Exception {
		Account account = fixtures.verifiedAccount("dlv-lease");
		Mailbox mailbox = mailbox(account, Senders.uniqueDomain("lease"));
		Instant now = Instant.now();
		Outbox.Queued queued = Senders.enqueue(outbox,
				Senders.message(account.owner(), UUID.randomUUID(), mailbox, "lease@recipients.test", "Lease"), now);
		// A node claimed it and died before recording anything.
		fixtures.jdbc()
			.sql("UPDATE outbox SET status = 'sending', lease_until = ? WHERE id = ?")
			.params(java.sql.Timestamp.from(now.plus(Duration.ofMinutes(2))), queued.outboxId())
			.update();

		Senders.drain(dispatcher, now.plus(Duration.ofMinutes(1)));
		assertThat(status(queued.outboxId())).isEqualTo("sending");
		assertThat(received(Set.of(queued.messageId()))).isEmpty();

		Senders.drain(dispatcher, now.plus(Duration.ofMinutes(2)));
		assertThat(status(queued.outboxId())).isEqualTo("sent");
		assertThat(received(Set.of(queued.messageId()))).hasSize(1);
	}

	@Test
	void aMessageHandedOverByANodeThatDiedIsRecordedSentAndNotSentAgain() throws Exception {
		Account account = fixtures.verifiedAccount("dlv-handed");
		Mailbox mailbox = mailbox(account, Senders.uniqueDomain("handed"));
		Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
		Outbox.Queued queued = Senders.enqueue(outbox,
				Senders.message(account.owner(), UUID.randomUUID(), mailbox, "handed@recipients.test", "Handed"), now);
		// A node claimed it, wrote the data and was about to send the final "." when it
		// died (SIGKILL): the server may well have the message.
		fixtures.jdbc()
			.sql("UPDATE outbox SET status = 'sending', lease_until = ?, handed_over_at = ? WHERE id = ?")
			.params(java.sql.Timestamp.from(now.plus(Duration.ofMinutes(2))), java.sql.Timestamp.from(now),
					queued.outboxId())
			.update();

		try (Senders.Events<MessageSent> sent = new Senders.Events<>(context, MessageSent.class)) {
			Senders.drain(dispatcher, now.plus(Duration.ofMinutes(1)));
			assertThat(status(queued.outboxId())).isEqualTo("sending");

			Senders.drain(dispatcher, now.plus(Duration.ofMinutes(2)));
			assertThat(status(queued.outboxId())).isEqualTo("sent");
			assertThat(fixtures.jdbc()
				.sql("SELECT note FROM outbox WHERE id = ? AND sent_at = ? AND attempts = 1")
				.params(queued.outboxId(), java.sql.Timestamp.from(now))
				.query(String.class)
				.single()).contains("before the reply was recorded");
			assertThat(sent.seen()).filteredOn(e -> e.outboxId().equals(queued.outboxId()))
				.singleElement()
				.satisfies(e -> assertThat(e.sentAt()).isEqualTo(now));
		}
		// Not sent a second time, now or later.
		Senders.drain(dispatcher, now.plus(Duration.ofMinutes(10)));
		assertThat(received(Set.of(queued.messageId()))).isEmpty();
	}

	@Test
	void everySendRecordsTheMomentItsDataWasHandedOver() throws Exception {
		Account account = fixtures.verifiedAccount("dlv-handing");
		Mailbox mailbox = mailbox(account, Senders.uniqueDomain("handing"));
		Instant now = Instant.now();
		Outbox.Queued queued = Senders.enqueue(outbox,
				Senders.message(account.owner(), UUID.randomUUID(), mailbox, "handing@recipients.test", "Handing"),
				now);

		Senders.drain(dispatcher, now);

		assertThat(status(queued.outboxId())).isEqualTo("sent");
		assertThat(received(Set.of(queued.messageId()))).hasSize(1);
		assertThat(fixtures.jdbc()
			.sql("SELECT handed_over_at IS NOT NULL FROM outbox WHERE id = ?")
			.param(queued.outboxId())
			.query(Boolean.class)
			.single()).isTrue();
	}

	@Test
	void aPausedWorkspaceSendsNothingUntilResumed() throws Exception {
		Account account = fixtures.verifiedAccount("dlv-pause");
		Mailbox mailbox = mailbox(account, Senders.uniqueDomain("pause"));
		Instant now = Instant.now();
		sending.pause(account.owner());
		Outbox.Queued queued = Senders.enqueue(outbox,
				Senders.message(account.owner(), UUID.randomUUID(), mailbox, "paused@recipients.test", "Paused"), now);
		assertThat(sending.paused(account.workspaceId())).isTrue();

		Senders.drain(dispatcher, now);
		assertThat(status(queued.outboxId())).isEqualTo("queued");
		assertThat(received(Set.of(queued.messageId()))).isEmpty();

		sending.resume(account.owner());
		Senders.drain(dispatcher, now);
		assertThat(status(queued.outboxId())).isEqualTo("sent");
		assertThat(received(Set.of(queued.messageId()))).hasSize(1);
	}

	@Test
	void sendsListACampaignsMessagesNewestFirstAPageAtATimeInItsWorkspaceOnly() {
		Account account = fixtures.verifiedAccount("dlv-list");
		Account stranger = fixtures.verifiedAccount("dlv-list-other");
		Mailbox mailbox = mailbox(account, Senders.uniqueDomain("list"));
		UUID campaign = UUID.randomUUID();
		Instant now = Instant.now().plus(Duration.ofDays(3650));
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			ids.add(Senders
				.enqueue(outbox,
						Senders.message(account.owner(), campaign, mailbox, "l" + i + "@recipients.test", "S" + i), now)
				.outboxId());
			fixtures.jdbc()
				.sql("UPDATE outbox SET created_at = created_at + ? * interval '1 second' WHERE id = ?")
				.params(i, ids.get(i))
				.update();
		}

		CursorPage<Outbox.Send> first = outbox.sends(account.owner(), campaign, null, 3);
		assertThat(first.data()).extracting(Outbox.Send::id).containsExactly(ids.get(4), ids.get(3), ids.get(2));
		assertThat(first.data().get(0).to()).isEqualTo("l4@recipients.test");
		assertThat(first.data().get(0).status()).isEqualTo(OutboxStatus.QUEUED);
		CursorPage<Outbox.Send> second = outbox.sends(account.owner(), campaign, first.nextCursor(), 3);
		assertThat(second.data()).extracting(Outbox.Send::id).containsExactly(ids.get(1), ids.get(0));
		assertThat(second.nextCursor()).isNull();

		assertThat(outbox.sends(stranger.owner(), campaign, null, 10).data()).isEmpty();
		// Never due in this test run: cancel them so no other test's dispatch sends them.
		fixtures.jdbc().sql("UPDATE outbox SET status = 'cancelled' WHERE campaign_id = ?").param(campaign).update();
	}

	@Test
	void theSendingSwitchApiNeedsAnAdminAndActsOnItsOwnWorkspaceOnly() throws Exception {
		Account owner = fixtures.verifiedAccount("dlv-switch");
		Account other = fixtures.verifiedAccount("dlv-switch-other");
		Api api = fixtures.api(owner, "campaigns:write");
		Api otherApi = fixtures.api(other, "campaigns:write");

		Api.Response paused = api.post("/api/v1/sending/pause", "");
		assertThat(paused.status()).isEqualTo(200);
		assertThat(paused.body().get("paused").asBoolean()).isTrue();
		assertThat(api.get("/api/v1/sending").body().get("paused").asBoolean()).isTrue();
		assertThat(otherApi.get("/api/v1/sending").body().get("paused").asBoolean()).isFalse();
		assertThat(sending.paused(other.workspaceId())).isFalse();

		assertThat(fixtures.api(owner, "campaigns:read").post("/api/v1/sending/resume", "").status()).isEqualTo(403);
		Account member = fixtures.verifiedAccount("dlv-switch-member");
		fixtures.join(owner, member, WorkspaceRole.MEMBER);
		com.penguinmails.shared.Tenant asMember = new com.penguinmails.shared.Tenant(owner.workspaceId(),
				member.userId(), WorkspaceRole.MEMBER, Set.of(), null);
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> sending.resume(asMember))
			.isInstanceOf(com.penguinmails.shared.AccessDeniedProblem.class);

		assertThat(otherApi.post("/api/v1/sending/resume", "").body().get("paused").asBoolean()).isFalse();
		assertThat(sending.paused(owner.workspaceId())).isTrue();
		assertThat(api.post("/api/v1/sending/resume", "").body().get("paused").asBoolean()).isFalse();
		assertThat(sending.paused(owner.workspaceId())).isFalse();
	}

}
