package com.penguinmails.delivery;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.domains.Domain;
import com.penguinmails.domains.Domains;
import com.penguinmails.domains.NewDomain;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.NewMailbox;
import com.penguinmails.mailboxes.NewSendingProvider;
import com.penguinmails.mailboxes.NewSendingRoute;
import com.penguinmails.mailboxes.ProviderHealth;
import com.penguinmails.mailboxes.Security;
import com.penguinmails.mailboxes.SendingProvider;
import com.penguinmails.mailboxes.SendingProviders;
import com.penguinmails.mailboxes.SendingRoutes;
import com.penguinmails.mailboxes.ServerSettings;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.ProviderApis;
import com.penguinmails.support.TestDnsServer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sending routes by the real dispatcher: each message through the transport its route
 * chooses (Mailgun at WireMock speaking its documented API, the mailbox's SMTP server at
 * GreenMail), providers' health checks, and the move to the next provider of a chain.
 */
@IntegrationTest
class SendingRouteTests {

	static GreenMail smtp;

	@Autowired
	Outbox outbox;

	@Autowired
	Dispatcher dispatcher;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	SendingRoutes routes;

	@Autowired
	SendingProviders providers;

	@Autowired
	Domains domains;

	@Autowired
	Fixtures fixtures;

	private final WireMockServer api = ProviderApis.shared();

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

	/** A mailbox of a DKIM-ready domain sending through GreenMail (its own transport). */
	private Mailbox mailbox(Account account) {
		Domain domain = domains.add(account.owner(), new NewDomain(Senders.uniqueDomain("route"), false, "", ""));
		TestDnsServer.shared().publishZone(domains.zoneSnippet(domains.records(account.owner(), domain.id())));
		String email = "jo@" + domain.name();
		return mailboxes.add(account.owner(), new NewMailbox(email, "Jo Sender", "generic",
				new ServerSettings("127.0.0.1", smtp.getSmtp().getPort(), Security.NONE, Senders.SMTP_LOGIN,
						Senders.SMTP_PASSWORD),
				new ServerSettings("127.0.0.1", 1143, Security.NONE, email, "imap-secret"), "", "", 1000, 0, 0));
	}

	/**
	 * A Mailgun sending provider (US) of the workspace, its send answered by WireMock.
	 */
	private SendingProvider mailgun(Account account, String name, String mgDomain) {
		api.stubFor(post(urlPathEqualTo("/mailgun-us/v3/" + mgDomain + "/messages.mime")).willReturn(
				okJson("{\"id\": \"<" + UUID.randomUUID() + "@" + mgDomain + ">\", \"message\": \"Queued.\"}")));
		return providers.addProvider(account.owner(),
				new NewSendingProvider(name, "mailgun", null, null, unique("key"), mgDomain, "us", null, null));
	}

	private Outbox.Queued queue(Account account, Mailbox mailbox, UUID campaignId, String to, Instant now) {
		String domain = mailbox.email().substring(mailbox.email().indexOf('@') + 1);
		return Senders.enqueue(outbox,
				new OutgoingMessage(account.workspaceId(), campaignId, UUID.randomUUID(), 1, 0, mailbox.id(),
						mailbox.email(), null, to, "", "Hello from a route", "<p>Hello</p>", "Hello",
						"<first@" + domain + ">", "<root@" + domain + "> <first@" + domain + ">"),
				now);
	}

	private String column(UUID outboxId, String column) {
		return fixtures.jdbc()
			.sql("SELECT " + column + "::text FROM outbox WHERE id = ?")
			.param(outboxId)
			.query((rs, i) -> rs.getString(1))
			.list()
			.get(0);
	}

	private int mailgunSends(String mgDomain, String recipient) {
		return api
			.findAll(postRequestedFor(urlPathEqualTo("/mailgun-us/v3/" + mgDomain + "/messages.mime"))
				.withRequestBody(containing(recipient)))
			.size();
	}

	private List<MimeMessage> receivedBySmtp(String messageId) throws Exception {
		return java.util.Arrays.stream(smtp.getReceivedMessages()).filter(message -> {
			try {
				return messageId.equals(message.getMessageID());
			}
			catch (jakarta.mail.MessagingException ex) {
				return false;
			}
		}).toList();
	}

	private UUID campaign(Account account, String name) {
		UUID id = UUID.randomUUID();
		fixtures.jdbc()
			.sql("""
					INSERT INTO campaigns (id, workspace_id, name, status, send_days, window_start, window_end, created_at)
					VALUES (?, ?, ?, 'draft', '{1,2,3,4,5,6,7}', '00:00', '23:59:59', now())""")
			.params(id, account.workspaceId(), name)
			.update();
		return id;
	}

	private static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void aDomainSuffixRouteSendsThroughMailgunAndTheRestThroughTheMailboxsSmtp() throws Exception {
		Account account = fixtures.verifiedAccount("route-domain");
		Mailbox mailbox = mailbox(account);
		String mgDomain = unique("mg") + ".example.com";
		SendingProvider mailgun = mailgun(account, "Mailgun US", mgDomain);
		routes.addRoute(account.owner(),
				new NewSendingRoute("recipient_domain", "*.example.org", null, List.of(mailgun.id()), false));
		Instant now = Instant.now();
		Outbox.Queued toEdu = queue(account, mailbox, null, "ana@news.example.org", now);
		Outbox.Queued toOther = queue(account, mailbox, null, "bo@elsewhere.test", now);

		Senders.drain(dispatcher, now);

		assertThat(column(toEdu.outboxId(), "status")).isEqualTo("sent");
		assertThat(mailgunSends(mgDomain, "ana@news.example.org")).isEqualTo(1);
		assertThat(column(toEdu.outboxId(), "sent_via")).isEqualTo("mailgun");
		assertThat(column(toEdu.outboxId(), "sent_via_provider")).isEqualTo(mailgun.id().toString());
		assertThat(column(toEdu.outboxId(), "queue_id")).endsWith("@" + mgDomain);
		assertThat(receivedBySmtp(toEdu.messageId())).isEmpty();

		assertThat(column(toOther.outboxId(), "status")).isEqualTo("sent");
		assertThat(receivedBySmtp(toOther.messageId())).hasSize(1);
		assertThat(mailgunSends(mgDomain, "bo@elsewhere.test")).isZero();
		assertThat(column(toOther.outboxId(), "sent_via")).isEqualTo("smtp");
		assertThat(column(toOther.outboxId(), "sent_via_provider")).isNull();
	}

	@Test
	void aCampaignRouteSendsThatCampaignThroughMailgunOnly() throws Exception {
		Account account = fixtures.verifiedAccount("route-campaign");
		Mailbox mailbox = mailbox(account);
		String mgDomain = unique("mg") + ".example.com";
		SendingProvider mailgun = mailgun(account, "Mailgun campaigns", mgDomain);
		UUID routed = campaign(account, "Spring launch");
		UUID other = campaign(account, "Newsletter");
		routes.addRoute(account.owner(), new NewSendingRoute("campaign", null, routed, List.of(mailgun.id()), true));
		Instant now = Instant.now();
		Outbox.Queued ofRouted = queue(account, mailbox, routed, "ana@customer.test", now);
		Outbox.Queued ofOther = queue(account, mailbox, other, "bo@customer.test", now);

		Senders.drain(dispatcher, now);

		assertThat(mailgunSends(mgDomain, "ana@customer.test")).isEqualTo(1);
		assertThat(column(ofRouted.outboxId(), "sent_via")).isEqualTo("mailgun");
		assertThat(receivedBySmtp(ofRouted.messageId())).isEmpty();
		assertThat(mailgunSends(mgDomain, "bo@customer.test")).isZero();
		assertThat(receivedBySmtp(ofOther.messageId())).hasSize(1);
		assertThat(routes.routes(account.owner()).get(0).words())
			.isEqualTo("Messages of the campaign \u201cSpring launch\u201d go through Mailgun campaigns, then the "
					+ "mailbox's own SMTP server, each tried when the one before fails.");
	}

	@Test
	void aRecipientProviderRouteSendsGmailRecipientsThroughMailgun() throws Exception {
		Account account = fixtures.verifiedAccount("route-provider");
		Mailbox mailbox = mailbox(account);
		String mgDomain = unique("mg") + ".example.com";
		SendingProvider mailgun = mailgun(account, "Mailgun for Google", mgDomain);
		routes.addRoute(account.owner(),
				new NewSendingRoute("recipient_provider", "google", null, List.of(mailgun.id()), true));
		Instant now = Instant.now();
		Outbox.Queued toGmail = queue(account, mailbox, null, "ana.route@gmail.com", now);
		Outbox.Queued toOther = queue(account, mailbox, null, "bo@elsewhere.test", now);

		Senders.drain(dispatcher, now);

		assertThat(mailgunSends(mgDomain, "ana.route@gmail.com")).isEqualTo(1);
		assertThat(column(toGmail.outboxId(), "sent_via_provider")).isEqualTo(mailgun.id().toString());
		assertThat(receivedBySmtp(toOther.messageId())).hasSize(1);
		assertThat(column(toOther.outboxId(), "sent_via")).isEqualTo("smtp");
	}

	@Test
	void aProviderFailingItsHealthCheckIsSkippedForTheNextInTheChainAndComesBackWhenItRecovers() {
		Account account = fixtures.verifiedAccount("route-health");
		Mailbox mailbox = mailbox(account);
		String aDomain = unique("mg-a") + ".example.com";
		String bDomain = unique("mg-b") + ".example.com";
		SendingProvider first = mailgun(account, "First", aDomain);
		SendingProvider second = mailgun(account, "Second", bDomain);
		routes.addRoute(account.owner(),
				new NewSendingRoute("recipient_domain", "*.example.org", null, List.of(first.id(), second.id()), true));
		api.stubFor(get(urlPathEqualTo("/mailgun-us/v3/domains/" + aDomain))
			.willReturn(aResponse().withStatus(503).withBody("Service Unavailable")));
		api.stubFor(get(urlPathEqualTo("/mailgun-us/v3/domains/" + bDomain))
			.willReturn(okJson("{\"domain\": {\"name\": \"" + bDomain + "\", \"state\": \"active\"}}")));
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(60);

		assertThat(providers.checkDue(now)).isGreaterThanOrEqualTo(2);

		SendingProvider failing = providers.provider(account.owner(), first.id());
		assertThat(failing.health()).isEqualTo(ProviderHealth.FAILING);
		// In words, without the stage key ("Mailgun protocol: ...").
		assertThat(failing.healthError()).startsWith("Mailgun answered HTTP 503").doesNotContain("protocol");
		assertThat(failing.healthChangedAt()).isEqualTo(now);
		assertThat(providers.provider(account.owner(), second.id()).health()).isEqualTo(ProviderHealth.HEALTHY);
		assertThat(routes.routes(account.owner()).get(0).providers()).extracting(step -> step.health().value())
			.containsExactly("failing", "healthy");

		Outbox.Queued whileFailing = queue(account, mailbox, null, "ana@mail.example.org", now);
		Senders.drain(dispatcher, now);
		assertThat(column(whileFailing.outboxId(), "status")).isEqualTo("sent");
		assertThat(column(whileFailing.outboxId(), "sent_via_provider")).isEqualTo(second.id().toString());
		assertThat(mailgunSends(aDomain, "ana@mail.example.org")).isZero();
		assertThat(mailgunSends(bDomain, "ana@mail.example.org")).isEqualTo(1);

		// Not due again before the interval (5 minutes by default); then it recovers.
		api.stubFor(get(urlPathEqualTo("/mailgun-us/v3/domains/" + aDomain))
			.willReturn(okJson("{\"domain\": {\"name\": \"" + aDomain + "\", \"state\": \"active\"}}")));
		providers.checkDue(now.plusSeconds(60));
		assertThat(providers.provider(account.owner(), first.id()).health()).isEqualTo(ProviderHealth.FAILING);
		providers.checkDue(now.plusSeconds(301));
		SendingProvider recovered = providers.provider(account.owner(), first.id());
		assertThat(recovered.health()).isEqualTo(ProviderHealth.HEALTHY);
		assertThat(recovered.healthError()).isNull();
		assertThat(recovered.healthChangedAt()).isEqualTo(now.plusSeconds(301));

		Outbox.Queued afterRecovery = queue(account, mailbox, null, "bo@mail.example.org", now.plusSeconds(301));
		Senders.drain(dispatcher, now.plusSeconds(301));
		assertThat(column(afterRecovery.outboxId(), "sent_via_provider")).isEqualTo(first.id().toString());
		assertThat(mailgunSends(aDomain, "bo@mail.example.org")).isEqualTo(1);
	}

	@Test
	void aSendAnswered503MovesToTheNextProviderAtOnceAndMarksTheFirstFailing() {
		Account account = fixtures.verifiedAccount("route-503");
		Mailbox mailbox = mailbox(account);
		String aDomain = unique("mg-a") + ".example.com";
		String bDomain = unique("mg-b") + ".example.com";
		SendingProvider first = mailgun(account, "First", aDomain);
		SendingProvider second = mailgun(account, "Second", bDomain);
		api.stubFor(post(urlPathEqualTo("/mailgun-us/v3/" + aDomain + "/messages.mime"))
			.willReturn(aResponse().withStatus(503).withBody("Service Unavailable")));
		routes.addRoute(account.owner(), new NewSendingRoute("recipient_domain", "customer.test", null,
				List.of(first.id(), second.id()), false));
		Instant now = Instant.now();
		Outbox.Queued one = queue(account, mailbox, null, "ana@customer.test", now);
		Outbox.Queued two = queue(account, mailbox, null, "bo@customer.test", now);

		Senders.drain(dispatcher, now);

		assertThat(column(one.outboxId(), "status")).isEqualTo("sent");
		assertThat(column(one.outboxId(), "attempts")).isEqualTo("1");
		assertThat(column(one.outboxId(), "sent_via_provider")).isEqualTo(second.id().toString());
		assertThat(column(two.outboxId(), "sent_via_provider")).isEqualTo(second.id().toString());
		// The first provider was tried once: the rest of the batch went straight on.
		assertThat(api.findAll(postRequestedFor(urlPathEqualTo("/mailgun-us/v3/" + aDomain + "/messages.mime"))))
			.hasSize(1);
		SendingProvider failing = providers.provider(account.owner(), first.id());
		assertThat(failing.health()).isEqualTo(ProviderHealth.FAILING);
		assertThat(failing.healthError()).startsWith("A send failed: 451 4.3.0 Mailgun").contains("HTTP 503");
	}

	@Test
	void aRouteWhoseOnlyProviderFailsLeavesTheMailboxAloneAndItsMessagesWaiting() {
		Account account = fixtures.verifiedAccount("route-down");
		Mailbox mailbox = mailbox(account);
		String domain = unique("mg-down") + ".example.com";
		SendingProvider only = mailgun(account, "Only", domain);
		api.stubFor(post(urlPathEqualTo("/mailgun-us/v3/" + domain + "/messages.mime"))
			.willReturn(aResponse().withStatus(401).withBody("Forbidden")));
		routes.addRoute(account.owner(),
				new NewSendingRoute("recipient_domain", "down.test", null, List.of(only.id()), false));
		Instant now = Instant.now();
		Outbox.Queued queued = queue(account, mailbox, null, "ana@down.test", now);

		// More rounds than the three connection failures that put a mailbox in error.
		for (int round = 0; round < 4; round++) {
			Senders.drain(dispatcher, now.plusSeconds(600L * round));
		}

		assertThat(column(queued.outboxId(), "status")).isEqualTo("queued");
		assertThat(column(queued.outboxId(), "attempts")).isEqualTo("0");
		assertThat(fixtures.jdbc()
			.sql("SELECT status FROM mailboxes WHERE id = ?")
			.param(mailbox.id())
			.query(String.class)
			.single()).isNotEqualTo("error");
		SendingProvider failing = providers.provider(account.owner(), only.id());
		assertThat(failing.health()).isEqualTo(ProviderHealth.FAILING);
		assertThat(failing.healthError()).startsWith("A send failed: Mailgun refused the credentials (HTTP 401)")
			.doesNotContain("authentication");
	}

	@Test
	void aRouteWhoseOnlyProviderIsTurnedOffMakesItsMessagesWaitAndTheMailboxsOtherMailGoesOn() throws Exception {
		Account account = fixtures.verifiedAccount("route-off");
		Mailbox mailbox = mailbox(account);
		String domain = unique("mg-off") + ".example.com";
		SendingProvider only = mailgun(account, "SES Ireland", domain);
		routes.addRoute(account.owner(),
				new NewSendingRoute("recipient_domain", "off.test", null, List.of(only.id()), false));
		providers.updateProvider(account.owner(), only.id(),
				new NewSendingProvider("SES Ireland", "mailgun", null, null, null, domain, "us", null, null, false));
		Instant now = Instant.now();
		Outbox.Queued routed = queue(account, mailbox, null, "ana@off.test", now);
		Outbox.Queued other = queue(account, mailbox, null, "bo@elsewhere.test", now);

		Senders.drain(dispatcher, now);

		assertThat(column(routed.outboxId(), "status")).isEqualTo("queued");
		assertThat(column(routed.outboxId(), "attempts")).isEqualTo("0");
		assertThat(column(routed.outboxId(), "note")).isEqualTo("Sending route 1: its providers are all off");
		assertThat(mailgunSends(domain, "ana@off.test")).isZero();
		assertThat(column(other.outboxId(), "status")).isEqualTo("sent");
		assertThat(receivedBySmtp(other.messageId())).hasSize(1);
	}

	@Test
	void onlyAnAdminAddsOrChangesASendingProviderForItHoldsCredentials() {
		Account owner = fixtures.verifiedAccount("route-roles");
		Account member = fixtures.verifiedAccount("route-roles-member");
		fixtures.join(owner, member, com.penguinmails.shared.WorkspaceRole.MEMBER);
		com.penguinmails.shared.Tenant asMember = new com.penguinmails.shared.Tenant(owner.workspaceId(),
				member.userId(), com.penguinmails.shared.WorkspaceRole.MEMBER, java.util.Set.of(), null);
		NewSendingProvider given = new NewSendingProvider("By a member", "mailgun", null, null, unique("key"),
				"mg.example.com", "us", null, null);

		org.assertj.core.api.Assertions.assertThatThrownBy(() -> providers.addProvider(asMember, given))
			.isInstanceOf(com.penguinmails.shared.AccessDeniedProblem.class);
		SendingProvider added = providers.addProvider(owner.owner(), given);
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> providers.updateProvider(asMember, added.id(), given))
			.isInstanceOf(com.penguinmails.shared.AccessDeniedProblem.class);
		assertThat(providers.providers(asMember)).extracting(SendingProvider::name).containsExactly("By a member");
	}

}
