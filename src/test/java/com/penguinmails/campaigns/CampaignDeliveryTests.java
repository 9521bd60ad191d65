package com.penguinmails.campaigns;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.campaigns.Campaign.Schedule;
import com.penguinmails.campaigns.Campaign.Step;
import com.penguinmails.campaigns.Campaign.Variant;
import com.penguinmails.campaigns.Campaigns.Draft;
import com.penguinmails.contacts.Suppressions;
import com.penguinmails.delivery.Dispatcher;
import com.penguinmails.delivery.ScriptedSmtpServer;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A campaign from launch to the recipient's server: the scheduler queues, the dispatcher
 * sends over SMTP, and what the server answers comes back to the campaign.
 */
@IntegrationTest
class CampaignDeliveryTests {

	static GreenMail smtp;

	@Autowired
	Campaigns campaigns;

	@Autowired
	CampaignScheduler scheduler;

	@Autowired
	Dispatcher dispatcher;

	@Autowired
	CampaignFixtures setup;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Suppressions suppressions;

	@Autowired
	org.springframework.test.web.servlet.MockMvc mvc;

	@Autowired
	com.penguinmails.mailboxes.Mailboxes mailboxes;

	@Autowired
	com.penguinmails.sandbox.SandboxMailbox sandbox;

	@BeforeAll
	static void start() {
		smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		smtp.start();
	}

	@AfterAll
	static void stop() {
		smtp.stop();
	}

	private void drain(Instant now) {
		while (dispatcher.dispatch(now, 100) > 0) {
			// until a round claims nothing
		}
	}

	private List<MimeMessage> received(String to) throws Exception {
		return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
			try {
				return ((jakarta.mail.internet.InternetAddress) m.getAllRecipients()[0]).getAddress().equals(to);
			}
			catch (Exception ex) {
				return false;
			}
		}).toList();
	}

	@Test
	void aTwoStepSequenceArrivesAsOneThreadFromOneMailbox() throws Exception {
		Account account = fixtures.verifiedAccount("campaign-delivery");
		String domain = setup.verifiedDomain(account);
		Mailbox sam = setup.mailbox(account, "sam@" + domain, smtp.getSmtp().getPort(), 30, 0, 0);
		smtp.setUser("sam@" + domain, "sam@" + domain, "secret");
		String to = "ada-" + UUID.randomUUID().toString().substring(0, 6) + "@client.test";
		UUID ada = setup.contact(account, to, "Ada", "").id();
		Campaign campaign = campaigns.create(account.owner(),
				new Draft("Delivered", Schedule.defaults(), null, List.of(sam.id()), List.of(
						new Step(0, false,
								List.of(new Variant("Hello {{ first_name }}", "<p>Hi {{ first_name }}, a question.</p>",
										null))),
						new Step(24 * 60, false, List.of(new Variant("", "<p>Following up.</p>", null))))));
		campaigns.addRecipients(account.owner(), campaign.id(), List.of(ada), null, null);
		campaigns.launch(account.owner(), campaign.id());
		Instant t0 = setup.monday();

		scheduler.tick(t0);
		drain(t0);
		scheduler.tick(t0.plus(Duration.ofDays(1)));
		drain(t0.plus(Duration.ofDays(1)));

		List<MimeMessage> messages = received(to);
		assertThat(messages).hasSize(2);
		MimeMessage first = messages.get(0);
		MimeMessage second = messages.get(1);
		assertThat(first.getSubject()).isEqualTo("Hello Ada");
		assertThat(second.getSubject()).isEqualTo("Re: Hello Ada");
		assertThat(second.getHeader("In-Reply-To")[0]).isEqualTo(first.getMessageID());
		assertThat(second.getHeader("References")[0]).contains(first.getMessageID());
		assertThat(first.getFrom()[0].toString()).contains("sam@" + domain);
		assertThat(second.getFrom()[0].toString()).contains("sam@" + domain);
		assertThat(first.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");

		// The sends, as the API lists them.
		Api api = fixtures.api(account, "campaigns:read");
		var sends = api.get("/api/v1/campaigns/" + campaign.id() + "/sends").body().get("data");
		assertThat(sends).hasSize(2);
		assertThat(sends.findValuesAsText("status")).containsOnly("sent");
		assertThat(api.get("/api/v1/campaigns/" + campaign.id()).body().get("status").asText()).isEqualTo("completed");
		String page = fixtures.signedIn(account).get("/campaigns/" + campaign.id()).getResponse().getContentAsString();
		assertThat(page).contains("Re: Hello Ada").contains("badge ok");
	}

	@Test
	void aHardBounceSuppressesTheAddressAndStopsTheSequence() throws Exception {
		try (ScriptedSmtpServer server = new ScriptedSmtpServer()) {
			Account account = fixtures.verifiedAccount("campaign-bounce");
			String domain = setup.verifiedDomain(account);
			Mailbox sam = setup.mailbox(account, "sam@" + domain, server.port(), 30, 0, 0, ScriptedSmtpServer.LOGIN,
					ScriptedSmtpServer.PASSWORD);
			UUID gone = setup.contact(account, "gone@client.test", "Gone", "").id();
			server.reply("gone@client.test", 550, "5.1.1 <gone@client.test>: Recipient address rejected: User unknown");
			Campaign campaign = campaigns.create(account.owner(),
					new Draft("Bounces", Schedule.defaults(), null, List.of(sam.id()),
							List.of(new Step(0, false, List.of(new Variant("Hi", "<p>Hello</p>", null))),
									new Step(60, false, List.of(new Variant("", "<p>Again</p>", null))))));
			campaigns.addRecipients(account.owner(), campaign.id(), List.of(gone), null, null);
			campaigns.launch(account.owner(), campaign.id());
			Instant t0 = setup.monday();
			scheduler.tick(t0);
			drain(t0);

			assertThat(suppressions.isSuppressed(account.workspaceId(), "gone@client.test")).isTrue();
			await().untilAsserted(() -> assertThat(fixtures.jdbc()
				.sql("SELECT state || ' ' || coalesce(stop_reason, '') FROM enrolments WHERE campaign_id = ?")
				.param(campaign.id())
				.query(String.class)
				.single()).isEqualTo("stopped bounced"));
			scheduler.tick(t0.plus(Duration.ofHours(2)));
			assertThat(fixtures.jdbc()
				.sql("SELECT count(*) FROM outbox WHERE campaign_id = ?")
				.param(campaign.id())
				.query(Long.class)
				.single()).isEqualTo(1);
		}
	}

	@Test
	void aNewcomersCampaignRunsEndToEndIntoTheSandbox() throws Exception {
		// No domain to verify, no server to run: a mailbox on the sandbox preset.
		Account account = fixtures.verifiedAccount("sandbox-campaign");
		var mailbox = mailboxes.add(account.owner(), new com.penguinmails.mailboxes.NewMailbox("me@my-startup.test",
				"Me Founder", "sandbox", null, null, "", "", 30, 0, 0));
		assertThat(mailboxes.catchesAll(mailbox)).isTrue();
		String to = "friend-" + UUID.randomUUID().toString().substring(0, 6) + "@example.test";
		UUID friend = setup.contact(account, to, "Friend", "").id();
		Campaign campaign = campaigns.create(account.owner(), new Draft("Try it", Schedule.defaults(), null,
				List.of(mailbox.id()),
				List.of(new Step(0, false, List.of(new Variant("Hello {{ first_name }}", "<p>It works.</p>", null))))));
		campaigns.addRecipients(account.owner(), campaign.id(), List.of(friend), null, null);
		assertThat(campaigns.launch(account.owner(), campaign.id()).status()).isEqualTo(CampaignStatus.RUNNING);
		Instant t0 = setup.monday();
		scheduler.tick(t0);
		drain(t0);
		assertThat(sandbox.messages()).anySatisfy(mail -> {
			assertThat(String.join(",", mail.to())).contains(to);
			assertThat(mail.subject()).isEqualTo("Hello Friend");
		});
	}

	@Test
	void theOneClickUnsubscribeOfADeliveredMessageStopsTheSequence() throws Exception {
		Account account = fixtures.verifiedAccount("campaign-unsubscribe");
		String domain = setup.verifiedDomain(account);
		Mailbox sam = setup.mailbox(account, "sam@" + domain, smtp.getSmtp().getPort(), 30, 0, 0);
		smtp.setUser("sam@" + domain, "sam@" + domain, "secret");
		String to = "leaving-" + UUID.randomUUID().toString().substring(0, 6) + "@client.test";
		UUID contact = setup.contact(account, to, "Lee", "").id();
		Campaign campaign = campaigns.create(account.owner(),
				new Draft("Unsubscribe", Schedule.defaults(), null, List.of(sam.id()),
						List.of(new Step(0, false, List.of(new Variant("Hello", "<p>Hi</p>", null))),
								new Step(24 * 60, false, List.of(new Variant("", "<p>Again</p>", null))))));
		campaigns.addRecipients(account.owner(), campaign.id(), List.of(contact), null, null);
		campaigns.launch(account.owner(), campaign.id());
		Instant t0 = setup.monday();
		scheduler.tick(t0);
		drain(t0);

		// The link in the delivered message's List-Unsubscribe header, POSTed as a mail
		// provider does (RFC 8058).
		String header = received(to).get(0).getHeader("List-Unsubscribe")[0];
		String url = header.substring(header.indexOf('<') + 1, header.indexOf('>'));
		String path = java.net.URI.create(url).getPath();
		assertThat(mvc
			.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
				.contentType(org.springframework.http.MediaType.APPLICATION_FORM_URLENCODED)
				.content("List-Unsubscribe=One-Click"))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(200);
		fixtures.enrolmentEventsHandled();

		scheduler.tick(t0.plus(Duration.ofDays(1)));
		drain(t0.plus(Duration.ofDays(1)));
		assertThat(received(to)).hasSize(1);
		assertThat(fixtures.jdbc()
			.sql("SELECT state || ' ' || stop_reason FROM enrolments WHERE campaign_id = ?")
			.param(campaign.id())
			.query(String.class)
			.single()).isEqualTo("stopped unsubscribed");
	}

}
