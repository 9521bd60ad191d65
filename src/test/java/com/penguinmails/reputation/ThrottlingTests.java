package com.penguinmails.reputation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import com.penguinmails.alerts.Alert;
import com.penguinmails.alerts.Alerts;
import com.penguinmails.delivery.Dispatcher;
import com.penguinmails.delivery.OutgoingMessage;
import com.penguinmails.delivery.Outbox;
import com.penguinmails.delivery.ScriptedSmtpServer;
import com.penguinmails.delivery.SendingPaths;
import com.penguinmails.delivery.SendingPaths.PathLimit;
import com.penguinmails.inbound.BounceReceived;
import com.penguinmails.inbound.ComplaintReceived;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.NewMailbox;
import com.penguinmails.mailboxes.Security;
import com.penguinmails.mailboxes.ServerSettings;
import com.penguinmails.reputation.SendingThrottles.Decision;
import com.penguinmails.reputation.internal.throttle.ThrottleEngine;
import com.penguinmails.reputation.internal.timeline.DailyFigure;
import com.penguinmails.reputation.internal.timeline.DailySource;
import com.penguinmails.reputation.internal.timeline.Subject;
import com.penguinmails.shared.BounceReason;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Throttling end to end: a scripted SMTP server answers as Gmail, Microsoft and a
 * greylisting server do; the real dispatcher records the replies, reputation decides,
 * alerts raise, the dispatcher and {@link SendingPaths} honour the decisions, and
 * recovery goes step by step.
 */
@IntegrationTest
class ThrottlingTests {

	static ScriptedSmtpServer server;

	@Autowired
	Outbox outbox;

	@Autowired
	Dispatcher dispatcher;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	Fixtures fixtures;

	@Autowired
	SendingThrottles throttles;

	@Autowired
	ThrottleEngine engine;

	@Autowired
	SendingPaths paths;

	@Autowired
	Alerts alerts;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	List<DailySource> sources;

	@BeforeAll
	static void startServer() {
		server = new ScriptedSmtpServer();
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void gmailRateLimitRepliesSlowTheMailboxsPathToGoogleWithTheirEvidenceAndAWarning() {
		Account account = fixtures.verifiedAccount("thr-gmail");
		Mailbox mailbox = mailbox(account);
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		for (int i = 0; i < 3; i++) {
			String to = unique("rl") + "@gmail.com";
			server.reply(to, 421, "4.7.28 [192.0.2.10] Our system has detected an unusual rate of unsolicited mail"
					+ " originating from your IP address. https://support.google.com/mail/?p=UnsolicitedRateLimitError"
					+ " - gsmtp");
			enqueue(account, mailbox, to, now);
		}
		drain(now);
		fixtures.awaitEvents("ThrottleListener");

		List<Decision> decisions = throttles.decisions(account.owner(), 10);
		assertThat(decisions).singleElement().satisfies(d -> {
			assertThat(d.action()).isEqualTo(ThrottleAction.SLOW);
			assertThat(d.provider()).isEqualTo(RecipientProvider.GOOGLE);
			assertThat(d.path()).isEqualTo("google");
			assertThat(d.signals()).isEqualTo(3);
			assertThat(d.perHour()).isEqualTo(20);
			assertThat(d.evidence()).isNotEmpty().allSatisfy(r -> assertThat(r).contains("4.7.28"));
		});
		List<PathLimit> limits = paths.limits(account.workspaceId(), List.of(mailbox.id()),
				List.of("gmail.com", "googlemail.com", "elsewhere.test"), now);
		assertThat(limits).extracting(PathLimit::recipientDomain)
			.containsExactlyInAnyOrder("gmail.com", "googlemail.com");
		assertThat(limits).allSatisfy(l -> {
			assertThat(l.suspendedAt(now)).isFalse();
			assertThat(l.perHour()).isEqualTo(20);
		});
		await().untilAsserted(() -> assertThat(alerts.recent(account.owner(), 10)).extracting(Alert::title)
			.anySatisfy(t -> assertThat(t).contains(mailbox.email()).contains("slowed")));
	}

	@Test
	void microsoftRefusalsSuspendThePathItsMessagesWaitAndRecoveryGoesStepByStep() {
		Account account = fixtures.verifiedAccount("thr-ms");
		Mailbox mailbox = mailbox(account);
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		for (String domain : List.of("hotmail.com", "outlook.com")) {
			String to = unique("ms") + "@" + domain;
			server.reply(to, 550, "5.7.708 Service unavailable. Access denied, traffic not accepted from this IP."
					+ " For more information please go to http://go.microsoft.com/fwlink/?LinkId=526653 AS(842)");
			enqueue(account, mailbox, to, now);
		}
		drain(now);
		fixtures.awaitEvents("ThrottleListener");
		Decision suspended = throttles.decisions(account.owner(), 10).get(0);
		assertThat(suspended.action()).isEqualTo(ThrottleAction.SUSPEND);
		assertThat(suspended.provider()).isEqualTo(RecipientProvider.MICROSOFT);
		Instant until = suspended.suspendedUntil();
		assertThat(until).isEqualTo(suspended.decidedAt().plus(Duration.ofHours(4)));
		await().untilAsserted(() -> assertThat(alerts.recent(account.owner(), 10))
			.anySatisfy(a -> assertThat(a.title()).contains("suspended")));

		// Queued later: the live.com one waits for the end (no attempt), the other goes.
		Instant later = now.plus(Duration.ofMinutes(1));
		UUID waits = enqueue(account, mailbox, unique("w") + "@live.com", later);
		UUID goes = enqueue(account, mailbox, unique("g") + "@elsewhere.test", later);
		drain(later);
		assertThat(row(waits)).isEqualTo("queued 0 " + until);
		assertThat(row(goes)).startsWith("sent 1");

		engine.review(until);
		engine.review(until.plus(Duration.ofHours(2)));
		engine.review(until.plus(Duration.ofHours(4)));
		assertThat(throttles.decisions(account.owner(), 10)).extracting(Decision::action)
			.containsExactly(ThrottleAction.RECOVER, ThrottleAction.EASE, ThrottleAction.TRIAL, ThrottleAction.SUSPEND);
		assertThat(paths.limits(account.workspaceId(), List.of(mailbox.id()), List.of("live.com"),
				until.plus(Duration.ofHours(4))))
			.isEmpty();

		// The timeline's figures: the four decisions on the mailbox and on its domain.
		LocalDate first = LocalDate.ofInstant(suspended.decidedAt(), ZoneOffset.UTC);
		LocalDate last = LocalDate.ofInstant(until.plus(Duration.ofHours(4)), ZoneOffset.UTC);
		String senderDomain = mailbox.email().substring(mailbox.email().indexOf('@') + 1);
		for (Subject subject : List.of(Subject.mailbox(mailbox.id()), Subject.domain(senderDomain))) {
			List<DailyFigure> figures = sources.stream()
				.flatMap(source -> source.daily(account.workspaceId(), subject, first, last).stream())
				.filter(f -> f.name().equals(DailyFigure.THROTTLE_DECISIONS))
				.toList();
			assertThat(figures.stream().mapToDouble(DailyFigure::value).sum()).as(subject.key()).isEqualTo(4);
			assertThat(figures.get(0).text()).contains("suspend");
		}
	}

	@Test
	void greylistingNeverThrottles() {
		Account account = fixtures.verifiedAccount("thr-grey");
		Mailbox mailbox = mailbox(account);
		Instant now = Instant.now();
		String domain = unique("grey") + ".test";
		for (int i = 0; i < 4; i++) {
			String to = "p" + i + "@" + domain;
			server.reply(to, 450, "4.2.0 <" + to + ">: Recipient address rejected: Greylisted, see"
					+ " http://postgrey.schweikert.ch/help/" + domain + ".html");
			enqueue(account, mailbox, to, now);
		}
		drain(now);
		fixtures.awaitEvents("ThrottleListener");
		assertThat(throttles.decisions(account.owner(), 10)).isEmpty();
		assertThat(fixtures.jdbc()
			.sql("SELECT count(*) FROM throttle_signals WHERE workspace_id = ? AND signal = 'greylisted' AND NOT counted")
			.param(account.workspaceId())
			.query(Long.class)
			.single()).isEqualTo(4);
	}

	@Test
	void yahooDeferralsInBouncesCountLikeReplies() {
		Account account = fixtures.verifiedAccount("thr-dsn");
		Mailbox mailbox = mailbox(account);
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		for (int i = 0; i < 2; i++) {
			BounceReceived bounce = new BounceReceived(account.workspaceId(), mailbox.id(), null, null, 0, 0, null,
					unique("y") + "@yahoo.com", "block", BounceReason.BLOCKED, "4.7.0", "421", "mta7.am0.yahoodns.net",
					"smtp; 421 4.7.0 [TSS09] All messages from 192.0.2.10 will be permanently deferred; Retrying will"
							+ " NOT succeed. See https://postmaster.yahooinc.com/error-codes",
					UUID.randomUUID(), now.plusSeconds(i));
			transactions.executeWithoutResult(tx -> events.publishEvent(bounce));
		}
		fixtures.awaitEvents("ThrottleListener");
		assertThat(throttles.decisions(account.owner(), 10)).singleElement().satisfies(d -> {
			assertThat(d.action()).isEqualTo(ThrottleAction.SUSPEND);
			assertThat(d.provider()).isEqualTo(RecipientProvider.YAHOO);
			assertThat(d.evidence()).allSatisfy(r -> assertThat(r).contains("TSS09"));
		});
	}

	@Test
	void aComplaintRateOverTheLimitOnADomainsMailboxesSuspendsTheirPathToThatProvider() {
		Account account = fixtures.verifiedAccount("thr-guard");
		String domain = unique("guard") + ".test";
		Mailbox ann = mailbox(account, "ann@" + domain);
		Mailbox bob = mailbox(account, "bob@" + domain);
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		for (Mailbox mailbox : List.of(ann, bob)) {
			for (int i = 0; i < 60; i++) {
				enqueue(account, mailbox, unique("c") + "@gmail.com", now);
			}
		}
		drain(now);
		ComplaintReceived complaint = new ComplaintReceived(account.workspaceId(), ann.id(), null, null, 0, 0, null,
				unique("angry") + "@gmail.com", "abuse", UUID.randomUUID(), now.plusSeconds(60));
		transactions.executeWithoutResult(tx -> events.publishEvent(complaint));
		fixtures.awaitEvents("ThrottleGuards");

		// 1 in 60 for ann alone is under the 100 sent a rate needs; 1 in 120 for the
		// domain's mailboxes is 0.83%, over 0.3%.
		List<Decision> decisions = throttles.decisions(account.owner(), 10);
		assertThat(decisions).hasSize(2).allSatisfy(d -> {
			assertThat(d.action()).isEqualTo(ThrottleAction.SUSPEND);
			assertThat(d.path()).isEqualTo("google");
			assertThat(d.reason())
				.contains("Complaint rate 0.83% (1 of 120 sent in 7 days) for the mailboxes of " + domain);
		});
		assertThat(decisions).extracting(Decision::mailboxId).containsExactlyInAnyOrder(ann.id(), bob.id());
	}

	private Mailbox mailbox(Account account) {
		return mailbox(account, "jo@" + unique("thr") + ".test");
	}

	private Mailbox mailbox(Account account, String email) {
		return mailboxes.add(account.owner(),
				new NewMailbox(email, "Jo", "generic",
						new ServerSettings("127.0.0.1", server.port(), Security.NONE, ScriptedSmtpServer.LOGIN,
								ScriptedSmtpServer.PASSWORD),
						new ServerSettings("127.0.0.1", 1143, Security.NONE, ScriptedSmtpServer.LOGIN, null), "", "",
						1000, 0, 0));
	}

	private UUID enqueue(Account account, Mailbox mailbox, String to, Instant notBefore) {
		OutgoingMessage message = new OutgoingMessage(account.workspaceId(), UUID.randomUUID(), UUID.randomUUID(), 0, 0,
				mailbox.id(), mailbox.email(), null, to, "", "Hello", "<p>Hello</p>", "Hello", null, null);
		return outbox.enqueue(message, notBefore).orElseThrow().outboxId();
	}

	private void drain(Instant now) {
		while (dispatcher.dispatch(now, 100) > 0) {
			// until a round claims nothing
		}
	}

	/** status, attempts and not_before of an outbox row. */
	private String row(UUID id) {
		return fixtures.jdbc()
			.sql("SELECT status, attempts, not_before FROM outbox WHERE id = ?")
			.param(id)
			.query((rs, i) -> rs.getString(1) + " " + rs.getInt(2) + " " + rs.getTimestamp(3).toInstant())
			.single();
	}

	private static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
