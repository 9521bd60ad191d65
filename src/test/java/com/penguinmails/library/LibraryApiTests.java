package com.penguinmails.library;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.campaigns.CampaignStatus;
import com.penguinmails.campaigns.DelayUnit;
import com.penguinmails.campaigns.StepFormat;
import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.templates.EmailTemplate;
import com.penguinmails.templates.Templates;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class LibraryApiTests {

	static final String SEQUENCE = """
			{"slug": "my-trio", "name": "My trio", "category": "follow-up", "tags": ["Mine", "short"],
			 "language": "en", "description": "Three short notes",
			 "steps": [
			   {"delay": {"amount": 0, "unit": "days"}, "newThread": true, "subject": "Hello {{ first_name | default: \\"there\\" }}",
			    "text": "First note.", "html": null, "format": "text"},
			   {"delay": {"amount": 2, "unit": "days"}, "newThread": false, "subject": "", "text": "Second note.",
			    "html": null, "format": "text"},
			   {"delay": {"amount": 5, "unit": "hours"}, "newThread": true, "subject": "Last one", "text": "Bye.",
			    "html": "<p>Bye.</p>", "format": "html"}]}""";

	@Autowired
	Fixtures fixtures;

	@Autowired
	Campaigns campaigns;

	@Autowired
	Templates templates;

	@Test
	void searchesByWordsKindCategoryTagAndLanguage() throws Exception {
		Api api = fixtures.api(fixtures.verifiedAccount("library-search"), "library:read");
		JsonNode all = api.get("/api/v1/library").body().get("data");
		assertThat(all.size()).isGreaterThanOrEqualTo(127);

		JsonNode sequences = api.get("/api/v1/library", "kind", "sequence", "category", "saas-trial")
			.body()
			.get("data");
		assertThat(sequences.size()).isGreaterThanOrEqualTo(1);
		sequences.forEach(e -> {
			assertThat(e.get("kind").asText()).isEqualTo("sequence");
			assertThat(e.get("category").asText()).isEqualTo("saas-trial");
		});

		JsonNode found = api.get("/api/v1/library", "q", "PODCAST", "tag", "Guest", "language", "en")
			.body()
			.get("data");
		assertThat(found.size()).isGreaterThanOrEqualTo(2);
		found.forEach(e -> assertThat(e.get("tags").toString()).contains("guest"));
		assertThat(api.get("/api/v1/library", "q", "no entry says zyxwvut").body().get("data").size()).isZero();
	}

	@Test
	void aBadFilterIsA400Problem() throws Exception {
		Api api = fixtures.api(fixtures.verifiedAccount("library-filter"), "library:read");
		Api.Response kind = api.get("/api/v1/library", "kind", "letter");
		assertThat(kind.status()).isEqualTo(400);
		assertThat(kind.body().get("type").asText()).endsWith("invalid-filter");
		assertThat(kind.body().get("detail").asText()).contains("template or sequence");
		assertThat(api.get("/api/v1/library", "category", "spam").status()).isEqualTo(400);
		assertThat(api.get("/api/v1/library", "language", "english!").status()).isEqualTo(400);
	}

	@Test
	void getsOneEntryWithItsPreviewAndAnUnknownSlugIs404() throws Exception {
		Api api = fixtures.api(fixtures.verifiedAccount("library-get"), "library:read");
		Api.Response entry = api.get("/api/v1/library/sequences/cold-classic-four");
		assertThat(entry.status()).isEqualTo(200);
		assertThat(entry.body().get("steps").size()).isEqualTo(4);
		assertThat(entry.body().get("steps").get(1).get("delay").get("unit").asText()).isEqualTo("days");

		Api.Response preview = api.get("/api/v1/library/sequences/cold-classic-four/preview");
		assertThat(preview.body().get(0).get("text").asText()).startsWith("Hi Ada,");
		assertThat(preview.body().get(0).get("missing").size()).isZero();

		assertThat(api.get("/api/v1/library/templates/no-such-template").status()).isEqualTo(404);
		assertThat(api.get("/api/v1/library/sequences/cold-quick-question").status()).isEqualTo(404);
		assertThat(api.get("/api/v1/library/letters/cold-quick-question").status()).isEqualTo(404);
	}

	@Test
	void usingASequenceMakesADraftCampaignWithItsStepsAndDelaysInMinutes() throws Exception {
		Account account = fixtures.verifiedAccount("library-use");
		Api api = fixtures.api(account, "library:read", "campaigns:write");
		Api.Response used = api.post("/api/v1/library/sequences/trial-onboarding-sequence/use", "");
		assertThat(used.status()).isEqualTo(201);
		UUID id = UUID.fromString(used.body().get("campaignId").asText());

		Campaign campaign = campaigns.get(account.owner(), id);
		assertThat(campaign.status()).isEqualTo(CampaignStatus.DRAFT);
		assertThat(campaign.name()).isEqualTo("Trial onboarding");
		assertThat(campaign.steps()).extracting(Campaign.Step::delayMinutes)
			.containsExactly(10, 2 * 1440, 3 * 1440, 4 * 1440, 4 * 1440);
		assertThat(campaign.steps()).extracting(Campaign.Step::delayUnit)
			.containsExactly(DelayUnit.MINUTES, DelayUnit.DAYS, DelayUnit.DAYS, DelayUnit.DAYS, DelayUnit.DAYS);
		assertThat(campaign.steps()).extracting(Campaign.Step::format).containsOnly(StepFormat.TEXT);
		Campaign.Variant first = campaign.steps().get(0).variants().get(0);
		assertThat(first.subject()).isEqualTo("Welcome to your trial");
		assertThat(first.text()).startsWith("Hi {{ first_name | default: \"there\" }},");
		assertThat(first.html()).isNull();
	}

	@Test
	void usingATemplateMakesAOneStepCampaignAndCopyingMakesAWorkspaceTemplate() throws Exception {
		Account account = fixtures.verifiedAccount("library-copy");
		Api api = fixtures.api(account, "library:read", "campaigns:write", "templates:write");
		UUID campaignId = UUID.fromString(
				api.post("/api/v1/library/templates/event-invite-html/use", "").body().get("campaignId").asText());
		Campaign campaign = campaigns.get(account.owner(), campaignId);
		assertThat(campaign.steps()).hasSize(1);
		assertThat(campaign.steps().get(0).format()).isEqualTo(StepFormat.HTML);
		assertThat(campaign.steps().get(0).variants().get(0).html()).contains("<h1");

		// "Use in" an existing campaign appends the entry: a template after a first step
		// becomes a follow-up 2 days later, not a second message at the same time.
		Api.Response appended = api.post("/api/v1/library/templates/cold-quick-question/use",
				"{\"campaignId\":\"" + campaignId + "\"}");
		assertThat(appended.status()).isEqualTo(201);
		assertThat(appended.body().get("campaignId").asText()).isEqualTo(campaignId.toString());
		Campaign longer = campaigns.get(account.owner(), campaignId);
		assertThat(longer.steps()).hasSize(2);
		assertThat(longer.steps().get(1).delayMinutes()).isEqualTo(2 * 1440);
		assertThat(longer.steps().get(1).format()).isEqualTo(StepFormat.TEXT);
		Api.Response elsewhere = fixtures
			.api(fixtures.verifiedAccount("library-copy-other"), "library:read", "campaigns:write")
			.post("/api/v1/library/templates/cold-quick-question/use", "{\"campaignId\":\"" + campaignId + "\"}");
		assertThat(elsewhere.status()).isEqualTo(404);

		Api.Response copied = api.post("/api/v1/library/templates/cold-quick-question/copy-to-templates", "");
		assertThat(copied.status()).isEqualTo(201);
		EmailTemplate template = templates.get(account.owner(),
				UUID.fromString(copied.body().get("templateId").asText()));
		assertThat(template.name()).isEqualTo("Quick question");
		assertThat(template.text()).contains("{{ sender.first_name }}");
		UUID again = UUID.fromString(api.post("/api/v1/library/templates/cold-quick-question/copy-to-templates", "")
			.body()
			.get("templateId")
			.asText());
		assertThat(templates.get(account.owner(), again).name()).isEqualTo("Quick question (2)");
	}

	@Test
	void savesOwnEntriesRefusesDuplicatesAndOtherWorkspacesNeverSeeThem() throws Exception {
		Account account = fixtures.verifiedAccount("library-own");
		Api api = fixtures.api(account, "library:write");
		Api.Response saved = api.post("/api/v1/library/sequences", SEQUENCE);
		assertThat(saved.status()).isEqualTo(201);
		assertThat(saved.body().get("own").asBoolean()).isTrue();
		assertThat(saved.body().get("tags").toString()).isEqualTo("[\"mine\",\"short\"]");
		assertThat(api.post("/api/v1/library/sequences", SEQUENCE).status()).isEqualTo(409);
		Api.Response shippedSlug = api.post("/api/v1/library/sequences",
				SEQUENCE.replace("my-trio", "cold-classic-four"));
		assertThat(shippedSlug.status()).isEqualTo(409);
		assertThat(shippedSlug.body().get("type").asText()).endsWith("library-entry-exists");

		JsonNode mine = api.get("/api/v1/library", "tag", "mine").body().get("data");
		assertThat(mine.size()).isEqualTo(1);
		assertThat(mine.get(0).get("steps").get(2).get("format").asText()).isEqualTo("html");

		Api other = fixtures.api(fixtures.verifiedAccount("library-other"), "library:write");
		assertThat(other.get("/api/v1/library", "tag", "mine").body().get("data").size()).isZero();
		assertThat(other.get("/api/v1/library/sequences/my-trio").status()).isEqualTo(404);
		assertThat(other.delete("/api/v1/library/sequences/my-trio").status()).isEqualTo(404);

		assertThat(api.delete("/api/v1/library/sequences/my-trio").status()).isEqualTo(204);
		assertThat(api.get("/api/v1/library/sequences/my-trio").status()).isEqualTo(404);
		assertThat(api.delete("/api/v1/library/sequences/cold-classic-four").status()).isEqualTo(404);
	}

	@Test
	void badOwnEntriesAre400Problems() throws Exception {
		Api api = fixtures.api(fixtures.verifiedAccount("library-bad"), "library:write");
		assertThat(api.post("/api/v1/library/templates", """
				{"slug": "Not A Slug", "name": "x", "category": "webinar", "subject": "Hi", "text": "Hello",
				 "format": "text"}""").body().get("type").asText()).endsWith("invalid-slug");
		assertThat(api.post("/api/v1/library/templates", """
				{"slug": "no-body", "name": "x", "category": "webinar", "subject": "Hi", "format": "text"}""").status())
			.isEqualTo(400);
		assertThat(api.post("/api/v1/library/templates", """
				{"slug": "bad-category", "name": "x", "category": "spam", "subject": "Hi", "text": "Hello"}""")
			.status()).isEqualTo(400);
		assertThat(api.post("/api/v1/library/templates", """
				{"slug": "bad-liquid", "name": "x", "category": "webinar", "subject": "Hi", "text": "{% if %}"}""")
			.body()
			.get("type")
			.asText()).endsWith("invalid-liquid");
		assertThat(api.post("/api/v1/library/sequences", SEQUENCE.replace("\"amount\": 2", "\"amount\": -1")).status())
			.isEqualTo(400);
	}

	@Test
	void savesAWorkspaceTemplateToTheLibrary() throws Exception {
		Account account = fixtures.verifiedAccount("library-save");
		EmailTemplate template = templates.create(account.owner(),
				new Templates.Draft("Spring note", "Hello {{ first_name }}", "<p>Hi there</p>", "Hi there"));
		Api api = fixtures.api(account, "library:write", "templates:read");
		Api.Response saved = api.post("/api/v1/library/templates/from-template/" + template.id(),
				"{\"category\": \"product-launch\", \"tags\": [\"spring\"]}");
		assertThat(saved.status()).isEqualTo(201);
		assertThat(saved.body().get("slug").asText()).isEqualTo("spring-note");
		assertThat(saved.body().get("category").asText()).isEqualTo("product-launch");
		assertThat(api.get("/api/v1/library/templates/spring-note").body().get("steps").get(0).get("html").asText())
			.isEqualTo("<p>Hi there</p>");
		assertThat(api.post("/api/v1/library/templates/from-template/" + UUID.randomUUID(), "{}").status())
			.isEqualTo(404);
	}

}
