package com.penguinmails.tracking;

import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.campaigns.Campaign.Schedule;
import com.penguinmails.campaigns.Campaign.Step;
import com.penguinmails.campaigns.Campaign.Variant;
import com.penguinmails.campaigns.CampaignScheduler;
import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.campaigns.Campaigns.Draft;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.domains.Domains;
import com.penguinmails.domains.NewDomain;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.NewMailbox;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Open and click tracking: links rewritten only when the campaign asks, a pixel and a
 * redirect that record the engagement, and 404 for anything not signed by us.
 */
@IntegrationTest
class TrackingTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Campaigns campaigns;

	@Autowired
	CampaignScheduler scheduler;

	@Autowired
	Domains domains;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	Contacts contacts;

	@Autowired
	com.penguinmails.delivery.TrackingLinks links;

	private String html(Account account, boolean opens, boolean clicks) {
		String domain = "track-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		domains.add(account.owner(), new NewDomain(domain, false, "", ""));
		fixtures.jdbc().sql("UPDATE domains SET status = 'verified' WHERE name = ?").param(domain).update();
		UUID sam = mailboxes
			.add(account.owner(), new NewMailbox("sam@" + domain, "Sam", "sandbox", null, null, "", "", 30, 0, 0))
			.id();
		UUID ada = contacts
			.create(account.owner(),
					new Contacts.NewContact("ada@client.test", "Ada", "", "", "", "", "", "", "", "", null, List.of()))
			.id();
		Campaign campaign = campaigns.create(account.owner(), new Draft("Tracked " + UUID.randomUUID(),
				new Schedule("UTC", false, List.of(1, 2, 3, 4, 5, 6, 7), java.time.LocalTime.MIN,
						java.time.LocalTime.of(23, 59), null, null, 20),
				new Campaign.Stops(true, true, true, true, true, false), List.of(sam), List.of(
						new Step(0, false,
								List.of(new Variant("Hi",
										"<p>Read <a href=\"https://example.com/guide?a=1&amp;b=2\">the guide</a> or "
												+ "<a href=\"{{ unsubscribe_url }}\">unsubscribe</a> or "
												+ "<a href=\"mailto:sam@x.test\">write</a>.</p>",
										null))),
						new Step(60, false, List.of(new Variant("", "<p>Again</p>", null)))),
				new Campaign.Tracking(opens, clicks)));
		campaigns.addRecipients(account.owner(), campaign.id(), List.of(ada), null, null);
		campaigns.launch(account.owner(), campaign.id());
		scheduler.tick(java.time.Instant.now().plusSeconds(5));
		return fixtures.jdbc()
			.sql("SELECT html FROM outbox WHERE campaign_id = ?")
			.param(campaign.id())
			.query(String.class)
			.single();
	}

	@Test
	void opensAndClicksAreRecordedAndAClickStopsTheSequenceWhenAsked() throws Exception {
		Account account = fixtures.verifiedAccount("tracking");
		String html = html(account, true, true);
		assertThat(html).doesNotContain("https://example.com/guide").contains("mailto:sam@x.test");
		Matcher click = Pattern.compile("href=\"https?://[^/]+(/c/[A-Za-z0-9_-]+)\"").matcher(html);
		Matcher pixel = Pattern.compile("src=\"https?://[^/]+(/o/[A-Za-z0-9_-]+)\"").matcher(html);
		assertThat(click.find()).isTrue();
		assertThat(pixel.find()).isTrue();

		MockHttpServletResponse open = mvc.perform(get(pixel.group(1))).andReturn().getResponse();
		assertThat(open.getStatus()).isEqualTo(200);
		assertThat(open.getContentType()).isEqualTo("image/gif");
		assertThat(open.getHeader("Cache-Control")).contains("no-store");
		MockHttpServletResponse redirect = mvc.perform(get(click.group(1))).andReturn().getResponse();
		assertThat(redirect.getStatus()).isEqualTo(302);
		assertThat(redirect.getHeader("Location")).isEqualTo("https://example.com/guide?a=1&b=2");

		String engaged = fixtures.jdbc()
			.sql("SELECT opened || ' ' || clicked FROM campaign_engagements WHERE workspace_id = ?")
			.param(account.workspaceId())
			.query(String.class)
			.single();
		assertThat(engaged).isEqualTo("true true");
		assertThat(fixtures.jdbc()
			.sql("SELECT state || ' ' || stop_reason FROM enrolments WHERE workspace_id = ?")
			.param(account.workspaceId())
			.query(String.class)
			.single()).isEqualTo("stopped clicked");

		// Not ours: no redirect anywhere.
		String token = click.group(1).substring(3);
		String tampered = token.substring(0, token.length() - 3) + (token.endsWith("AAA") ? "BBB" : "AAA");
		assertThat(mvc.perform(get("/c/" + tampered)).andReturn().getResponse().getStatus()).isEqualTo(404);
		assertThat(mvc.perform(get("/o/" + tampered)).andReturn().getResponse().getStatus()).isEqualTo(404);
		// A link as written in a template, with characters a strict URI refuses, still
		// redirects (the tag vouches for it).
		String loose = links.token(UUID.randomUUID(), 0, "https://example.com/a page?q={x}");
		MockHttpServletResponse looseRedirect = mvc.perform(get("/c/" + loose)).andReturn().getResponse();
		assertThat(looseRedirect.getStatus()).isEqualTo(302);
		assertThat(looseRedirect.getHeader("Location")).isEqualTo("https://example.com/a page?q={x}");
		MockHttpServletResponse evil = mvc.perform(get("/c/https%3A%2F%2Fevil.test")).andReturn().getResponse();
		assertThat(evil.getStatus()).isIn(400, 404);
		assertThat(evil.getHeader("Location")).isNull();
	}

	@Test
	void withTrackingOffTheMessageIsLeftAsWritten() {
		Account account = fixtures.verifiedAccount("tracking-off");
		String html = html(account, false, false);
		assertThat(html).contains("href=\"https://example.com/guide?a=1&amp;b=2\"").doesNotContain("/o/");
	}

	@Test
	void theUnsubscribeUrlTagGivesEachMessageItsOwnWorkingLink() throws Exception {
		Account account = fixtures.verifiedAccount("tracking-unsubscribe-tag");
		String html = html(account, true, true);
		// Not sent through the click redirect: it is not a click.
		Matcher link = Pattern.compile("href=\"https?://[^/]+(/u/[A-Za-z0-9_-]+)\"").matcher(html);
		assertThat(link.find()).isTrue();
		assertThat(mvc.perform(get(link.group(1))).andReturn().getResponse().getContentAsString())
			.contains("Unsubscribe?")
			.contains("ada@client.test");
		assertThat(mvc
			.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(link.group(1))
				.contentType(org.springframework.http.MediaType.APPLICATION_FORM_URLENCODED)
				.content("List-Unsubscribe=One-Click"))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(200);
		assertThat(fixtures.jdbc()
			.sql("SELECT state || ' ' || stop_reason FROM enrolments WHERE workspace_id = ?")
			.param(account.workspaceId())
			.query(String.class)
			.single()).isEqualTo("stopped unsubscribed");
	}

}
