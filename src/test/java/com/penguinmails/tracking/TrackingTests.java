package com.penguinmails.tracking;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.campaigns.StepFormat;
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
	TrackingFixtures tracked;

	@Autowired
	com.penguinmails.tracking.internal.LinkTokens links;

	@Autowired
	com.penguinmails.audit.Privacy privacy;

	/** A person's browser: requests without a User-Agent are machines'. */
	private static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
			+ "(KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

	private String html(Account account, boolean opens, boolean clicks) {
		Campaign campaign = tracked.launched(account, new Campaign.Tracking(opens, clicks),
				"<p>Read <a href=\"https://example.com/guide?a=1&amp;b=2\">the guide</a> or "
						+ "<a href=\"{{ unsubscribe_url }}\">unsubscribe</a> or "
						+ "<a href=\"mailto:sam@x.test\">write</a>.</p>",
				"ada@client.test");
		return tracked.messages(campaign.id()).get(0).html();
	}

	@Test
	void opensAndClicksAreRecordedAndAClickStopsTheSequenceWhenAsked() throws Exception {
		Account account = fixtures.verifiedAccount("tracking");
		String html = html(account, true, true);
		assertThat(html).doesNotContain("https://example.com/guide").contains("mailto:sam@x.test");
		Matcher click = Pattern.compile("href=\"https?://[^/]+(/c/[A-Za-z0-9_-]+)\"").matcher(html);
		Matcher pixel = Pattern.compile("background=\"https?://[^/]+(/o/[A-Za-z0-9_-]+)\"").matcher(html);
		assertThat(click.find()).isTrue();
		assertThat(pixel.find()).isTrue();

		MockHttpServletResponse open = mvc.perform(get(pixel.group(1)).header("User-Agent", BROWSER))
			.andReturn()
			.getResponse();
		assertThat(open.getStatus()).isEqualTo(200);
		assertThat(open.getContentType()).isEqualTo("image/gif");
		assertThat(open.getHeader("Cache-Control")).contains("no-store");
		MockHttpServletResponse redirect = mvc.perform(get(click.group(1)).header("User-Agent", BROWSER))
			.andReturn()
			.getResponse();
		assertThat(redirect.getStatus()).isEqualTo(302);
		assertThat(redirect.getHeader("Location")).isEqualTo("https://example.com/guide?a=1&b=2");

		fixtures.enrolmentEventsHandled();
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
		// redirects (the tag vouches for it), made a URI.
		String loose = links.token(UUID.randomUUID(), 0, "https://example.com/a page?q={x}");
		MockHttpServletResponse looseRedirect = mvc.perform(get("/c/" + loose)).andReturn().getResponse();
		assertThat(looseRedirect.getStatus()).isEqualTo(302);
		assertThat(looseRedirect.getHeader("Location")).isEqualTo("https://example.com/a%20page?q=%7Bx%7D");
		MockHttpServletResponse evil = mvc.perform(get("/c/https%3A%2F%2Fevil.test")).andReturn().getResponse();
		assertThat(evil.getStatus()).isIn(400, 404);
		assertThat(evil.getHeader("Location")).isNull();
	}

	@Test
	void aPlainTextStepSendsNoHtmlSoNoPixelAndItsLinksAsWritten() {
		Account account = fixtures.verifiedAccount("tracking-plain");
		Campaign campaign = tracked.launchedFrom(account, tracked.domain(account), new Campaign.Tracking(true, true),
				StepFormat.TEXT, "<p>Read <a href=\"https://example.com/guide\">the guide</a>.</p>", "ada@client.test");

		assertThat(campaign.steps().get(0).format()).isEqualTo(StepFormat.TEXT);
		assertThat(tracked.messages(campaign.id()).get(0).html()).isNull();
		String text = fixtures.jdbc()
			.sql("SELECT text FROM outbox WHERE campaign_id = ?")
			.param(campaign.id())
			.query(String.class)
			.single();
		assertThat(text).contains("https://example.com/guide").doesNotContain("/c/").doesNotContain("/o/");
	}

	@Test
	void thePixelIsTheVeryLastThingOfTheBody() {
		Account account = fixtures.verifiedAccount("tracking-last");
		Campaign campaign = tracked.launched(account, new Campaign.Tracking(true, false),
				"<html><body><p>Hi</p><table><tr><td>PS</td></tr></table></body></html>", "ada@client.test");

		String html = tracked.messages(campaign.id()).get(0).html();

		assertThat(html).containsPattern(
				"<table role=\"presentation\"[^>]* background=\"[^\"]+/o/[A-Za-z0-9_-]+\"[^>]*>(<tbody>)?<tr><td></td></tr>(</tbody>)?</table></body></html>$")
			.doesNotContain("<img");
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
		fixtures.enrolmentEventsHandled();
		assertThat(fixtures.jdbc()
			.sql("SELECT state || ' ' || stop_reason FROM enrolments WHERE workspace_id = ?")
			.param(account.workspaceId())
			.query(String.class)
			.single()).isEqualTo("stopped unsubscribed");
	}

	@Test
	void aGdprExportShowsTheOpensAndErasureBlanksTheirAgentAndAddress() throws Exception {
		Account account = fixtures.verifiedAccount("tracking-gdpr");
		Campaign campaign = tracked.launched(account, new Campaign.Tracking(true, true), "<p>Hi</p>",
				"ada@client.test");
		TrackingFixtures.Message ada = tracked.messages(campaign.id()).get(0);
		mvc.perform(get("/o/" + links.token(ada.enrolmentId(), 0, "")).header("User-Agent", BROWSER));
		UUID contactId = fixtures.jdbc()
			.sql("SELECT contact_id FROM outbox WHERE id = ?")
			.param(ada.outboxId())
			.query(UUID.class)
			.single();

		assertThat(privacy.export(account.owner(), contactId, "127.0.0.1").get("tracking").toString())
			.contains(BROWSER);
		privacy.erase(account.owner(), contactId, "127.0.0.1");

		assertThat(fixtures.jdbc()
			.sql("SELECT count(*) || ' ' || count(user_agent) || ' ' || count(ip) FROM tracking_events "
					+ "WHERE outbox_id = ?")
			.param(ada.outboxId())
			.query(String.class)
			.single()).isEqualTo("1 0 0");
		// Opens after the erasure are not kept: they would be the person's data again.
		assertThat(mvc.perform(get("/o/" + links.token(ada.enrolmentId(), 0, "")).header("User-Agent", BROWSER))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
	}

}
