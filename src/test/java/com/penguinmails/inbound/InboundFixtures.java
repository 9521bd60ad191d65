package com.penguinmails.inbound;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.springframework.stereotype.Component;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.campaigns.Campaign.Schedule;
import com.penguinmails.campaigns.Campaign.Step;
import com.penguinmails.campaigns.Campaign.Variant;
import com.penguinmails.campaigns.CampaignScheduler;
import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.campaigns.Campaigns.Draft;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.delivery.Dispatcher;
import com.penguinmails.domains.Domains;
import com.penguinmails.domains.NewDomain;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.NewMailbox;
import com.penguinmails.mailboxes.Security;
import com.penguinmails.mailboxes.ServerSettings;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;

/**
 * What inbound tests need: one GreenMail (SMTP and IMAP) for the test JVM, a workspace
 * whose mailbox sends through it and reads from it, and a campaign that has sent.
 */
@Component
public class InboundFixtures {

	private static GreenMail mail;

	private final Fixtures fixtures;

	private final Campaigns campaigns;

	private final CampaignScheduler scheduler;

	private final Dispatcher dispatcher;

	private final Domains domains;

	private final Mailboxes mailboxes;

	private final Contacts contacts;

	InboundFixtures(Fixtures fixtures, Campaigns campaigns, CampaignScheduler scheduler, Dispatcher dispatcher,
			Domains domains, Mailboxes mailboxes, Contacts contacts) {
		this.fixtures = fixtures;
		this.campaigns = campaigns;
		this.scheduler = scheduler;
		this.dispatcher = dispatcher;
		this.domains = domains;
		this.mailboxes = mailboxes;
		this.contacts = contacts;
	}

	/** The GreenMail of this test JVM, started on first use on free ports. */
	public static synchronized GreenMail mail() {
		if (mail == null) {
			mail = new GreenMail(new ServerSetup[] { new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
					new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP) });
			mail.start();
			Runtime.getRuntime().addShutdownHook(new Thread(mail::stop));
		}
		return mail;
	}

	/** A workspace with a verified domain, a mailbox on GreenMail, and its IMAP user. */
	public record Sender(Account account, Mailbox mailbox, GreenMailUser user) {
	}

	public Sender sender(String name) {
		Account account = fixtures.verifiedAccount(name);
		String domain = "in-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		UUID domainId = domains.add(account.owner(), new NewDomain(domain, false, "", "")).id();
		fixtures.jdbc()
			.sql("UPDATE domains SET status = 'verified', next_check_at = now() + interval '1 day' WHERE id = ?")
			.param(domainId)
			.update();
		String email = "sam@" + domain;
		GreenMailUser user = mail().setUser(email, email, "secret");
		Mailbox mailbox = mailboxes.add(account.owner(),
				new NewMailbox(email, "Sam Sender", "generic",
						new ServerSettings("127.0.0.1", mail().getSmtp().getPort(), Security.NONE, email, "secret"),
						new ServerSettings("127.0.0.1", mail().getImap().getPort(), Security.NONE, email, "secret"), "",
						"", 30, 0, 0));
		return new Sender(account, mailbox, user);
	}

	public static Instant monday() {
		return ZonedDateTime.now(ZoneOffset.UTC)
			.with(TemporalAdjusters.next(DayOfWeek.MONDAY))
			.withHour(10)
			.withMinute(0)
			.withSecond(0)
			.withNano(0)
			.toInstant();
	}

	/** Sends what the outbox holds now (inbox replies are queued like every message). */
	public void deliverQueued() {
		while (dispatcher.dispatch(Instant.now().plusSeconds(1), 100) > 0) {
			// until a round claims nothing
		}
	}

	/** Sends step 1 of a two-step campaign to the address; returns the campaign. */
	public Campaign sendTo(Sender sender, String to) {
		return sendTo(sender, List.of(to), Campaign.Tracking.off(), "<p>Hi {{ first_name }}</p>");
	}

	/**
	 * Sends step 1 of a two-step campaign ("Quick question") to each address, as new
	 * contacts; returns the campaign.
	 */
	public Campaign sendTo(Sender sender, List<String> recipients, Campaign.Tracking tracking, String html) {
		List<UUID> ids = recipients.stream()
			.map(to -> contacts
				.create(sender.account().owner(),
						new Contacts.NewContact(to, "Ada", "", "Client", "", "", "", "", "", "", Map.of(), List.of()))
				.id())
			.toList();
		Campaign campaign = campaigns.create(sender.account().owner(),
				new Draft("Inbound " + UUID.randomUUID(), Schedule.defaults(), null, List.of(sender.mailbox().id()),
						List.of(new Step(0, false, List.of(new Variant("Quick question", html, null))),
								new Step(24 * 60, false, List.of(new Variant("", "<p>Following up</p>", null)))),
						tracking));
		campaigns.addRecipients(sender.account().owner(), campaign.id(), ids, null, null);
		campaigns.launch(sender.account().owner(), campaign.id());
		Instant t0 = monday();
		scheduler.tick(t0);
		while (dispatcher.dispatch(t0, 100) > 0) {
			// drain
		}
		// The scheduler ran at next Monday's instant; replies arrive now: the sends go
		// back an hour, before them, as they would have happened.
		fixtures.jdbc()
			.sql("UPDATE outbox SET sent_at = ?, not_before = ? WHERE campaign_id = ?")
			.params(java.sql.Timestamp.from(Instant.now().minusSeconds(3600)),
					java.sql.Timestamp.from(Instant.now().minusSeconds(3600)), campaign.id())
			.update();
		return campaign;
	}

	public String sentMessageId(Campaign campaign) {
		return fixtures.jdbc()
			.sql("SELECT message_id FROM outbox WHERE campaign_id = ? AND step = 0")
			.param(campaign.id())
			.query(String.class)
			.single();
	}

	public static MimeMessage message(String from, String to, String subject, String text, Map<String, String> headers)
			throws Exception {
		MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
		message.setFrom(new InternetAddress(from));
		message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
		message.setSubject(subject);
		message.setText(text);
		message.setSentDate(new java.util.Date());
		for (var header : headers.entrySet()) {
			message.setHeader(header.getKey(), header.getValue());
		}
		message.saveChanges();
		for (var header : headers.entrySet()) {
			message.setHeader(header.getKey(), header.getValue());
		}
		return message;
	}

	/** Our message's outbox id for a campaign's first step. */
	public UUID outboxId(Campaign campaign) {
		return fixtures.jdbc()
			.sql("SELECT id FROM outbox WHERE campaign_id = ? AND step = 0")
			.param(campaign.id())
			.query(UUID.class)
			.single();
	}

	/** Delivers raw bytes to a GreenMail user's INBOX as they are. */
	public static void deliverRaw(GreenMailUser user, String raw) throws Exception {
		user.deliver(new MimeMessage(Session.getInstance(new Properties()), new java.io.ByteArrayInputStream(
				raw.replace("\n", "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8))));
	}

	/**
	 * An RFC 3464 delivery status notification for one of our messages, returning its
	 * headers (RFC 6522 multipart/report).
	 */
	public static String dsn(String mailbox, String recipient, String action, String status, String diagnostic,
			UUID outboxId, String messageId) {
		String boundary = "dsn-" + UUID.randomUUID();
		return """
				From: Mail Delivery System <MAILER-DAEMON@mx.client.test>
				To: %1$s
				Subject: Undelivered Mail Returned to Sender
				Message-ID: <%2$s@mx.client.test>
				Auto-Submitted: auto-replied
				MIME-Version: 1.0
				Content-Type: multipart/report; report-type=delivery-status; boundary="%2$s"

				--%2$s
				Content-Type: text/plain; charset=us-ascii

				I'm sorry to have to inform you that your message could not be delivered.

				--%2$s
				Content-Type: message/delivery-status

				Reporting-MTA: dns; mx.client.test

				Final-Recipient: rfc822; %3$s
				Action: %4$s
				Status: %5$s
				Diagnostic-Code: smtp; %6$s

				--%2$s
				Content-Type: text/rfc822-headers

				From: Sam Sender <%1$s>
				To: %3$s
				Subject: Quick question
				Message-ID: %7$s
				X-PenguinMails-ID: %8$s

				--%2$s--
				""".formatted(mailbox, boundary, recipient, action, status, diagnostic, messageId, outboxId);
	}

	/** An RFC 5965 ARF abuse report about one of our messages. */
	public static String arf(String mailbox, String recipient, UUID outboxId, String messageId) {
		String boundary = "arf-" + UUID.randomUUID();
		return """
				From: Feedback Loop <feedback@fbl.client.test>
				To: %1$s
				Subject: FW: Quick question
				Message-ID: <%2$s@fbl.client.test>
				MIME-Version: 1.0
				Content-Type: multipart/report; report-type=feedback-report; boundary="%2$s"

				--%2$s
				Content-Type: text/plain; charset=us-ascii

				This is an email abuse report.

				--%2$s
				Content-Type: message/feedback-report

				Feedback-Type: abuse
				User-Agent: ClientFBL/1.0
				Version: 1
				Original-Rcpt-To: <%3$s>
				Source-IP: 192.0.2.7

				--%2$s
				Content-Type: message/rfc822

				From: Sam Sender <%1$s>
				To: %3$s
				Subject: Quick question
				Message-ID: %4$s
				X-PenguinMails-ID: %5$s
				Content-Type: text/plain

				Hi

				--%2$s--
				""".formatted(mailbox, boundary, recipient, messageId, outboxId);
	}

}
