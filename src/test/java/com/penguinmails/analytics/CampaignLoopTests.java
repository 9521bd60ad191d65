package com.penguinmails.analytics;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.inbound.Inbox;
import com.penguinmails.inbound.InboundFixtures;
import com.penguinmails.inbound.InboundFixtures.Sender;
import com.penguinmails.inbound.InboundSync;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;

import static com.penguinmails.inbound.InboundFixtures.arf;
import static com.penguinmails.inbound.InboundFixtures.deliverRaw;
import static com.penguinmails.inbound.InboundFixtures.dsn;
import static com.penguinmails.inbound.InboundFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * One full loop through GreenMail: a campaign sends to five people; one replies, one
 * bounces (a DSN), one complains (an ARF report), one unsubscribes (RFC 8058 POST), one
 * opens and clicks — and each shows in the contact, the enrolment, the suppression list,
 * the inbox and the campaign's figures.
 */
@IntegrationTest
class CampaignLoopTests {

	private static final String BROWSER = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
			+ "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";

	@Autowired
	InboundFixtures setup;

	@Autowired
	InboundSync sync;

	@Autowired
	Inbox inbox;

	@Autowired
	Fixtures fixtures;

	@Autowired
	MockMvc mvc;

	MimeMessage received(String to) {
		return Arrays.stream(InboundFixtures.mail().getReceivedMessages()).filter(m -> {
			try {
				return ((InternetAddress) m.getAllRecipients()[0]).getAddress().equals(to);
			}
			catch (Exception ex) {
				return false;
			}
		}).findFirst().orElseThrow();
	}

	static String html(MimeMessage message) throws Exception {
		MimeMultipart alternative = (MimeMultipart) message.getContent();
		for (int i = 0; i < alternative.getCount(); i++) {
			if (alternative.getBodyPart(i).isMimeType("text/html")) {
				return (String) alternative.getBodyPart(i).getContent();
			}
		}
		throw new AssertionError("no HTML part");
	}

	static String path(String html, String prefix) {
		Matcher matcher = Pattern.compile("https?://[^/\"]+(/" + prefix + "/[^\"]+)\"").matcher(html);
		assertThat(matcher.find()).as("a /" + prefix + "/ link in " + html).isTrue();
		return matcher.group(1).replace("&amp;", "&");
	}

	String row(String sql, Object... params) {
		return fixtures.jdbc().sql(sql).params(params).query(String.class).optional().orElse(null);
	}

	@Test
	void replyBounceComplaintUnsubscribeOpenAndClickAreReflectedEverywhere() throws Exception {
		Sender sender = setup.sender("campaign-loop");
		UUID workspace = sender.account().workspaceId();
		String tag = UUID.randomUUID().toString().substring(0, 6);
		String replier = "replier-" + tag + "@client.test";
		String bouncer = "bouncer-" + tag + "@client.test";
		String complainer = "complainer-" + tag + "@client.test";
		String leaver = "leaver-" + tag + "@client.test";
		String reader = "reader-" + tag + "@client.test";
		Campaign campaign = setup.sendTo(sender, List.of(replier, bouncer, complainer, leaver, reader),
				new Campaign.Tracking(true, true),
				"<p>Hi {{ first_name }}, see <a href=\"https://example.com/pricing\">our pricing</a>.</p>");
		Map<String, UUID> outbox = new java.util.HashMap<>();
		Map<String, String> messageIds = new java.util.HashMap<>();
		fixtures.jdbc()
			.sql("SELECT to_address, id, message_id FROM outbox WHERE campaign_id = ? AND step = 0")
			.param(campaign.id())
			.query(rs -> {
				outbox.put(rs.getString(1), rs.getObject(2, UUID.class));
				messageIds.put(rs.getString(1), rs.getString(3));
			});
		assertThat(outbox).hasSize(5);
		String mailbox = sender.mailbox().email();

		// A reply, a DSN bounce, an ARF complaint arrive at the mailbox.
		sender.user()
			.deliver(message(replier, mailbox, "Re: Quick question", "Yes please, send the pricing.",
					Map.of("In-Reply-To", messageIds.get(replier))));
		deliverRaw(sender.user(), dsn(mailbox, bouncer, "failed", "5.1.1", "550 5.1.1 User unknown",
				outbox.get(bouncer), messageIds.get(bouncer)));
		deliverRaw(sender.user(), arf(mailbox, complainer, outbox.get(complainer), messageIds.get(complainer)));
		assertThat(sync.sync(workspace, sender.mailbox().id()).stored()).isEqualTo(3);

		// An unsubscribe POST (RFC 8058), as the mail provider sends it.
		String header = received(leaver).getHeader("List-Unsubscribe")[0];
		String unsubscribe = java.net.URI.create(header.substring(header.indexOf('<') + 1, header.indexOf('>')))
			.getPath();
		assertThat(mvc
			.perform(post(unsubscribe).contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.content("List-Unsubscribe=One-Click"))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(200);

		// An open and a click, from a phone, long after the message was sent.
		String html = html(received(reader));
		assertThat(
				mvc.perform(get(path(html, "o")).header("User-Agent", BROWSER)).andReturn().getResponse().getStatus())
			.isEqualTo(200);
		var click = mvc.perform(get(path(html, "c")).header("User-Agent", BROWSER)).andReturn().getResponse();
		assertThat(click.getStatus()).isEqualTo(302);
		assertThat(click.getHeader("Location")).isEqualTo("https://example.com/pricing");

		// Contacts.
		String status = "SELECT status FROM contacts WHERE workspace_id = ? AND email = ?";
		assertThat(row(status, workspace, replier)).isEqualTo("active");
		assertThat(row(status, workspace, bouncer)).isEqualTo("bounced");
		assertThat(row(status, workspace, complainer)).isEqualTo("complained");
		assertThat(row(status, workspace, leaver)).isEqualTo("unsubscribed");
		assertThat(row(status, workspace, reader)).isEqualTo("active");
		fixtures.enrolmentEventsHandled();
		// Enrolments (the default campaign stops on replies, bounces, unsubscribes and
		// complaints, not clicks).
		String state = """
				SELECT e.state || ' ' || coalesce(e.stop_reason, '') FROM enrolments e JOIN contacts c
				ON c.id = e.contact_id WHERE e.campaign_id = ? AND c.email = ?""";
		assertThat(row(state, campaign.id(), replier)).isEqualTo("stopped replied");
		assertThat(row(state, campaign.id(), bouncer)).isEqualTo("stopped bounced");
		assertThat(row(state, campaign.id(), complainer)).isEqualTo("stopped complained");
		assertThat(row(state, campaign.id(), leaver)).isEqualTo("stopped unsubscribed");
		assertThat(row(state, campaign.id(), reader)).isEqualTo("active ");
		// The suppression list.
		String reason = "SELECT reason FROM suppressions WHERE workspace_id = ? AND value = ?";
		assertThat(row(reason, workspace, bouncer)).isEqualTo("hard_bounce");
		assertThat(row(reason, workspace, complainer)).isEqualTo("complaint");
		assertThat(row(reason, workspace, leaver)).isEqualTo("unsubscribed");
		assertThat(row(reason, workspace, replier)).isNull();
		// The inbox: the reply, threaded with what we sent; everything else under "all".
		var replies = inbox.threads(sender.account().owner(), Inbox.Filter.replies(), null, 50).data();
		assertThat(replies).singleElement().satisfies(thread -> assertThat(thread.from()).isEqualTo(replier));
		assertThat(inbox.conversation(sender.account().owner(), replies.get(0).id(), false).entries())
			.extracting(Inbox.Entry::direction)
			.containsExactly("sent", "in");
		assertThat(inbox.threads(sender.account().owner(), new Inbox.Filter(null, null, false, null, "all"), null, 50)
			.data()).extracting(Inbox.Thread::kind).containsExactlyInAnyOrder("reply", "bounce", "complaint");

		// The figures, once the events have been handed to analytics.
		Api api = fixtures.api(sender.account(), "campaigns:read");
		await().untilAsserted(() -> {
			JsonNode totals = api.get("/api/v1/campaigns/" + campaign.id() + "/stats").body().get("totals");
			assertThat(totals.get("replied").asLong()).isEqualTo(1);
			assertThat(totals.get("unsubscribed").asLong()).isEqualTo(1);
			assertThat(totals.get("complained").asLong()).isEqualTo(1);
			assertThat(totals.get("bouncedHard").asLong()).isEqualTo(1);
		});
		JsonNode stats = api.get("/api/v1/campaigns/" + campaign.id() + "/stats").body();
		JsonNode totals = stats.get("totals");
		assertThat(totals.get("sent").asLong()).isEqualTo(5);
		assertThat(totals.get("delivered").asLong()).isEqualTo(4);
		assertThat(totals.get("openedHuman").asLong()).isEqualTo(1);
		assertThat(totals.get("clickedHuman").asLong()).isEqualTo(1);
		assertThat(totals.get("replyRate").asDouble()).isEqualTo(0.25);
		assertThat(totals.get("bounceRate").asDouble()).isEqualTo(0.2);
		assertThat(stats.get("steps")).hasSize(1);
		assertThat(stats.get("steps").get(0).get("variants").get(0).get("figures").get("sent").asLong()).isEqualTo(5);
		assertThat(stats.get("days")).isNotEmpty();
		assertThat(stats.get("devices").get(0).get("deviceClass").asText()).isEqualTo("Phone");

		// The campaign page's panel.
		String panel = fixtures.signedIn(sender.account())
			.get("/campaigns/" + campaign.id() + "/stats")
			.getResponse()
			.getContentAsString();
		assertThat(panel).contains("stats-chart").contains("data-series").contains("Step 1");
		assertThat(fixtures.api(fixtures.verifiedAccount("loop-stranger"), "campaigns:read")
			.get("/api/v1/campaigns/" + campaign.id() + "/stats")
			.status()).isEqualTo(404);
	}

}
