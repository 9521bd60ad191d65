package com.penguinmails.campaigns;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.campaigns.Campaign.Step;
import com.penguinmails.campaigns.Campaign.Variant;
import com.penguinmails.campaigns.Campaigns.Draft;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebSession;
import com.penguinmails.templates.EmailTemplate;
import com.penguinmails.templates.Templates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deliverability check of a step, per variant, rendered as the campaign sends it: in
 * the API (saved or unsaved content), in the step card, and on a template's page. The
 * pool's sending domain is an own domain; another domain's link is not.
 */
@IntegrationTest
class StepLintTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Campaigns campaigns;

	@Autowired
	CampaignFixtures setup;

	@Autowired
	Templates templates;

	@Test
	void theApiChecksEachVariantAsSavedOrAsGivenWithThePoolsDomainAsOwn() throws Exception {
		Account account = fixtures.verifiedAccount("step-lint-api");
		String domain = setup.verifiedDomain(account);
		Mailbox sam = setup.mailbox(account, "sam@" + domain, 2525, 30, 0, 0);
		Step step = new Step(
				0, null, null, false, StepFormat.TEXT, List.of(
						new Variant("Quick question, {{ first_name | default: \"there\" }}", null,
								"Hi {{ first_name | default: \"there\" }}, our notes are at https://www." + domain
										+ "/notes. Worth a call?"),
						new Variant("ACT NOW!!", null, "Act now: see https://bit.ly/x and https://other.example/y")),
				null, null, null, null);
		UUID id = campaigns
			.create(account.owner(), new Draft("Lint", null, null, List.of(sam.id()), List.of(step), null))
			.id();
		Api api = fixtures.api(account, "campaigns:read", "templates:read", "contacts:read", "mailboxes:read");

		Api.Response saved = api.post("/api/v1/campaigns/" + id + "/steps/1/lint", "");
		assertThat(saved.status()).isEqualTo(200);
		JsonNode a = saved.body().get(0);
		assertThat(a.get("variant").asText()).isEqualTo("A");
		assertThat(a.get("subject").asText()).isEqualTo("Quick question, Alex");
		assertThat(codes(a)).doesNotContain("foreign-link-domain", "spam-phrase");
		JsonNode b = saved.body().get(1);
		assertThat(codes(b)).contains("spam-phrase", "all-caps-subject", "excessive-punctuation", "url-shortener",
				"foreign-link-domain");
		assertThat(b.get("report").get("score").asInt()).isLessThan(60);

		Api.Response unsaved = api.post("/api/v1/campaigns/" + id + "/steps/1/lint",
				"{\"format\":\"text\",\"variants\":[{\"subject\":\"Hello\",\"text\":\"Click here, it is free\"}]}");
		assertThat(unsaved.status()).isEqualTo(200);
		assertThat(unsaved.body()).hasSize(1);
		assertThat(api.post("/api/v1/campaigns/" + id + "/steps/9/lint", "").status()).isEqualTo(404);
		assertThat(api
			.post("/api/v1/campaigns/" + id + "/steps/1/lint",
					"{\"format\":\"text\",\"variants\":[{\"subject\":\"{{ broken\",\"text\":\"x\"}]}")
			.status()).isEqualTo(400);
	}

	@Test
	void theStepCardAndTheTemplatePageShowTheCheck() throws Exception {
		Account account = fixtures.verifiedAccount("step-lint-page");
		Step step = new Step(0, null, null, false, StepFormat.TEXT,
				List.of(new Variant("Hello", null, "Hi there, this is a once in a lifetime chance.")), null, null, null,
				null);
		UUID id = campaigns.create(account.owner(), new Draft("Lint page", null, null, null, List.of(step), null)).id();
		WebSession web = fixtures.signedIn(account);
		String card = web.post("/campaigns/" + id + "/steps/1/lint").getResponse().getContentAsString();
		assertThat(card).contains("Deliverability check")
			.contains("data-code=\"spam-phrase\"")
			.contains("once in a lifetime");
		String typed = web
			.post("/campaigns/" + id + "/steps/1/lint", "format", "text", "subject", "Hello", "body",
					"Hi Ada, a short note about your reports.")
			.getResponse()
			.getContentAsString();
		assertThat(typed).contains("No warnings").doesNotContain("data-code=\"spam-phrase\"");

		EmailTemplate template = templates.create(account.owner(), new Templates.Draft("Loud", "FREE MONEY!!",
				"<p>Click <a href=\"https://bit.ly/z\">here</a></p>", null));
		String page = web.get("/templates/" + template.id()).getResponse().getContentAsString();
		assertThat(page).contains("Deliverability")
			.contains("data-code=\"url-shortener\"")
			.contains("data-code=\"vague-link-text\"");
	}

	@Test
	void aSameThreadFollowUpIsCheckedWithTheSubjectItIsSentWith() throws Exception {
		Account account = fixtures.verifiedAccount("step-lint-thread");
		Step first = new Step(0, null, null, false, StepFormat.TEXT,
				List.of(new Variant("Quick question, {{ first_name | default: \"there\" }}", null, "Hi, a note.")),
				null, null, null, null);
		Step followUp = new Step(2880, null, null, false, StepFormat.TEXT,
				List.of(new Variant("ACT NOW!!", null, "Just bumping this up.")), null, null, null, null);
		UUID id = campaigns
			.create(account.owner(), new Draft("Thread", null, null, null, List.of(first, followUp), null))
			.id();
		Api api = fixtures.api(account, "campaigns:read", "templates:read", "contacts:read", "mailboxes:read");
		JsonNode b = api.post("/api/v1/campaigns/" + id + "/steps/2/lint", "").body().get(0);
		assertThat(b.get("subject").asText()).isEqualTo("Re: Quick question, Alex");
		assertThat(codes(b)).doesNotContain("all-caps-subject", "spam-phrase");
	}

	@Test
	void theStrictCheckListsEachRecipientWithoutAValue() throws Exception {
		Account account = fixtures.verifiedAccount("step-missing");
		Step step = new Step(0, null, null, false, StepFormat.TEXT,
				List.of(new Variant("Hello {{ first_name }}", null, "Hi {{ first_name }}, a short note.")), null, null,
				null, null);
		UUID id = campaigns.create(account.owner(), new Draft("Missing", null, null, null, List.of(step), null)).id();
		String nameless = "nameless-" + UUID.randomUUID() + "@client.test";
		campaigns.addRecipients(account.owner(), id,
				List.of(setup.contact(account, "ada-" + UUID.randomUUID() + "@client.test", "Ada", "").id(),
						setup.contact(account, nameless, "", "").id()),
				null, null);
		Api api = fixtures.api(account, "campaigns:read", "templates:read", "contacts:read", "mailboxes:read");
		JsonNode report = api.post("/api/v1/campaigns/" + id + "/steps/1/missing", "").body().get(0).get("report");
		assertThat(report.get("checked").asInt()).isEqualTo(2);
		assertThat(report.get("withMissing").asInt()).isEqualTo(1);
		assertThat(report.get("missing").get(0).get("email").asText()).isEqualTo(nameless);
		assertThat(report.get("missing").get(0).get("variables").get(0).asText()).isEqualTo("first_name");

		String card = fixtures.signedIn(account)
			.post("/campaigns/" + id + "/steps/1/missing")
			.getResponse()
			.getContentAsString();
		assertThat(card).contains("1 of the 2 recipients checked would not get this step").contains(nameless);
	}

	@Test
	void spamAssassinScoresTheStepAsItWouldBeSentWhereInstalled() throws Exception {
		boolean installed = java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/spamassassin"));
		if (!installed && "true".equals(System.getenv("PENGUINMAILS_REQUIRE_SPAMASSASSIN"))) {
			throw new AssertionError("SpamAssassin is required here (PENGUINMAILS_REQUIRE_SPAMASSASSIN) but missing");
		}
		org.junit.jupiter.api.Assumptions.assumeTrue(installed, "Skipped: SpamAssassin is not installed");
		Account account = fixtures.verifiedAccount("step-lint-sa");
		Step step = new Step(0, null, null, false, StepFormat.TEXT,
				List.of(new Variant("Notes from Tuesday", null, "Hi Ada, the notes from Tuesday are below. Sam")), null,
				null, null, null);
		UUID id = campaigns.create(account.owner(), new Draft("SA", null, null, null, List.of(step), null)).id();
		String card = fixtures.signedIn(account)
			.post("/campaigns/" + id + "/steps/1/lint?spamAssassin=true")
			.getResponse()
			.getContentAsString();
		assertThat(card).contains("SpamAssassin").contains("spam from 5.0");
	}

	private static List<String> codes(JsonNode variant) {
		return variant.get("report").get("findings").findValuesAsText("code");
	}

}
