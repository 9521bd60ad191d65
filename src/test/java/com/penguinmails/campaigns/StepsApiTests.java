package com.penguinmails.campaigns;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/v1/campaigns/{id}/steps}: the sequence edited one step at a time. */
@IntegrationTest
class StepsApiTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	CampaignFixtures setup;

	private static final String WRITTEN = """
			{"delay":3,"delayUnit":"hours","newThread":false,"format":"text",
			 "variants":[{"subject":"Hi {{ first_name | default: 'there' }}","text":"Hello, a quick one."}]}""";

	@Test
	void stepsAreAddedWrittenMovedDuplicatedAndRemovedOneAtATime() throws Exception {
		Account account = fixtures.verifiedAccount("steps-api");
		Api api = fixtures.api(account, "campaigns:read", "campaigns:write");
		String steps = "/api/v1/campaigns/"
				+ api.post("/api/v1/campaigns", "{\"name\":\"Steps\"}").body().get("id").asText() + "/steps";

		Api.Response added = api.post(steps, "");
		assertThat(added.status()).isEqualTo(201);
		JsonNode blank = added.body().get("steps").get(0);
		assertThat(blank.get("format").asText()).isEqualTo("text");
		assertThat(blank.get("delayUnit").asText()).isEqualTo("days");
		assertThat(blank.get("delay").asInt()).isZero();

		JsonNode saved = api.put(steps + "/1", WRITTEN).body().get("steps").get(0);
		assertThat(saved.get("delayMinutes").asInt()).isEqualTo(180);
		assertThat(saved.get("delayUnit").asText()).isEqualTo("hours");
		assertThat(saved.get("delay").asInt()).isEqualTo(3);
		assertThat(saved.get("variants").get(0).get("text").asText()).isEqualTo("Hello, a quick one.");

		api.post(steps, "{\"step\":{\"delay\":2,\"delayUnit\":\"days\",\"format\":\"html\",\"newThread\":true,"
				+ "\"variants\":[{\"subject\":\"Second\",\"html\":\"<p>Two</p>\"}]}}");
		JsonNode first = api.post(steps, "{\"position\":1}").body().get("steps");
		assertThat(first).hasSize(3);
		assertThat(first.get(1).get("delayMinutes").asInt()).isEqualTo(180);
		assertThat(first.get(2).get("format").asText()).isEqualTo("html");

		JsonNode moved = api.post(steps + "/3/move", "{\"to\":1}").body().get("steps");
		assertThat(moved.get(0).get("variants").get(0).get("subject").asText()).isEqualTo("Second");
		assertThat(moved.get(0).get("delay").asInt()).isEqualTo(2);
		assertThat(moved.get(0).get("delayUnit").asText()).isEqualTo("days");

		JsonNode twice = api.post(steps + "/1/duplicate", "").body().get("steps");
		assertThat(twice).hasSize(4);
		assertThat(twice.get(1).get("variants").get(0).get("subject").asText()).isEqualTo("Second");
		assertThat(api.delete(steps + "/2").body().get("steps")).hasSize(3);
		// A step sent at the start, duplicated, becomes a follow-up 2 days later (not a
		// second message at the same moment).
		api.put(steps + "/1", WRITTEN.replace("\"delay\":3", "\"delay\":0"));
		JsonNode copied = api.post(steps + "/1/duplicate", "").body().get("steps");
		assertThat(copied.get(1).get("delayMinutes").asInt()).isEqualTo(2 * 24 * 60);
		assertThat(copied.get(1).get("newThread").asBoolean()).isFalse();
		assertThat(api.delete(steps + "/2").body().get("steps")).hasSize(3);

		assertThat(api.put(steps + "/9", WRITTEN).status()).isEqualTo(404);
		assertThat(api.delete(steps + "/0").status()).isEqualTo(404);
		assertThat(api.post(steps + "/1/move", "{\"to\":7}").status()).isEqualTo(400);
		Api.Response badUnit = api.put(steps + "/2", WRITTEN.replace("\"hours\"", "\"weeks\""));
		assertThat(badUnit.status()).isEqualTo(400);
		assertThat(badUnit.body().get("detail").asText()).contains("delayUnit");
		Api.Response half = api.put(steps + "/2", WRITTEN.replace("\"delay\":3", "\"delay\":1.5"));
		assertThat(half.status()).isEqualTo(400);
		assertThat(half.body().get("detail").asText()).contains("delay", "whole number");
		Api.Response negative = api.put(steps + "/2", WRITTEN.replace("\"delay\":3", "\"delay\":-1"));
		assertThat(negative.status()).isEqualTo(400);
		assertThat(negative.body().get("detail").asText()).contains("Step 2");
		Api.Response notWhole = api.patch(steps.replace("/steps", ""), """
				{"steps":[{"delayMinutes":0,"variants":[{"subject":"A","text":"a"}]},
				          {"delayMinutes":90,"delayUnit":"hours","variants":[{"text":"b"}]}]}""");
		assertThat(notWhole.status()).isEqualTo(400);
		assertThat(notWhole.body().get("detail").asText()).contains("Step 2", "whole number of hours");
		assertThat(fixtures.api(account, "campaigns:read").post(steps, "").status()).isEqualTo(403);
	}

	@Test
	void theWholeCampaignPatchStillReplacesEveryStepAndKeepsTheUnitItFits() throws Exception {
		Account account = fixtures.verifiedAccount("steps-patch");
		Api api = fixtures.api(account, "campaigns:read", "campaigns:write");
		String id = api.post("/api/v1/campaigns", "{\"name\":\"Patch\"}").body().get("id").asText();
		api.post("/api/v1/campaigns/" + id + "/steps", "");
		JsonNode steps = api.patch("/api/v1/campaigns/" + id, """
				{"steps":[{"delayMinutes":0,"variants":[{"subject":"A","html":"<p>a</p>"}]},
				          {"delayMinutes":2880,"variants":[{"html":"<p>b</p>"}]},
				          {"delayMinutes":180,"variants":[{"html":"<p>c</p>"}]}]}""").body().get("steps");
		assertThat(steps).hasSize(3);
		assertThat(steps.get(1).get("delay").asInt()).isEqualTo(2);
		assertThat(steps.get(1).get("delayUnit").asText()).isEqualTo("days");
		assertThat(steps.get(2).get("delayUnit").asText()).isEqualTo("hours");
		assertThat(steps.get(0).get("format").asText()).isEqualTo("text");
	}

	@Test
	void variantsComeFromTemplatesCopiedOrLinkedAndBecomeTemplates() throws Exception {
		Account account = fixtures.verifiedAccount("steps-variants");
		Api api = fixtures.api(account, "campaigns:read", "campaigns:write", "templates:read", "templates:write");
		String steps = "/api/v1/campaigns/"
				+ api.post("/api/v1/campaigns", "{\"name\":\"Variants\"}").body().get("id").asText() + "/steps";
		api.post(steps, "");
		api.put(steps + "/1", WRITTEN);
		String template = api
			.post("/api/v1/templates", "{\"name\":\"Intro\",\"subject\":\"From the template\",\"html\":\"<p>T</p>\"}")
			.body()
			.get("id")
			.asText();

		JsonNode copied = api.post(steps + "/1/variants", "{\"templateId\":\"" + template + "\"}")
			.body()
			.get("steps")
			.get(0)
			.get("variants")
			.get(1);
		assertThat(copied.get("subject").asText()).isEqualTo("From the template");
		assertThat(copied.get("templateId").asText()).isEqualTo(template);
		assertThat(copied.get("templateLinked").asBoolean()).isFalse();
		JsonNode linked = api
			.post(steps + "/1/variants/1/template", "{\"templateId\":\"" + template + "\",\"linked\":true}")
			.body()
			.get("steps")
			.get(0)
			.get("variants")
			.get(0);
		assertThat(linked.get("templateLinked").asBoolean()).isTrue();
		assertThat(
				api.post(steps + "/1/variants/1/template", "{\"templateId\":\"" + UUID.randomUUID() + "\"}").status())
			.isEqualTo(404);

		api.post(steps + "/1/variants", "");
		api.post(steps + "/1/variants", "");
		api.post(steps + "/1/variants", "");
		Api.Response sixth = api.post(steps + "/1/variants", "");
		assertThat(sixth.status()).isEqualTo(400);
		assertThat(sixth.body().get("detail").asText()).contains("Step 1", "1 to 5 variants");
		assertThat(api.delete(steps + "/1/variants/5").body().get("steps").get(0).get("variants")).hasSize(4);
		assertThat(api.delete(steps + "/1/variants/8").status()).isEqualTo(404);

		Api.Response made = api.post(steps + "/1/variants/2/save-as-template", "{\"name\":\"Saved from step 1\"}");
		assertThat(made.status()).isEqualTo(201);
		assertThat(api.get("/api/v1/templates/" + made.body().get("templateId").asText()).status()).isEqualTo(200);
		assertThat(api.post(steps + "/1/variants/2/save-as-template", "{\"name\":\"Saved from step 1\"}").status())
			.isEqualTo(409);
	}

	@Test
	void aPlainTextVariantSavedAsATemplateKeepsItsLiquidAsWritten() throws Exception {
		Account account = fixtures.verifiedAccount("steps-text-template");
		Api api = fixtures.api(account, "campaigns:read", "campaigns:write", "templates:read", "templates:write");
		String steps = "/api/v1/campaigns/"
				+ api.post("/api/v1/campaigns", "{\"name\":\"Text\"}").body().get("id").asText() + "/steps";
		api.post(steps, "");
		api.put(steps + "/1", WRITTEN.replace("Hello, a quick one.",
				"Hi {{ first_name | default: \\\"there\\\" }},\\n\\nQ&A <soon>"));
		String template = api.post(steps + "/1/variants/1/save-as-template", "{\"name\":\"Plain\"}")
			.body()
			.get("templateId")
			.asText();
		// HtmlUtils.htmlEscape wrote &quot;there&quot;, which the renderer refuses.
		assertThat(api.get("/api/v1/templates/" + template).body().get("html").asText())
			.isEqualTo("<p>Hi {{ first_name | default: \"there\" }},</p>\n<p>Q&amp;A &lt;soon&gt;</p>\n");
	}

	@Test
	void aDraftIsKeptBesideTheStepUntilSavedOrDiscarded() throws Exception {
		Account account = fixtures.verifiedAccount("steps-draft");
		Api api = fixtures.api(account, "campaigns:read", "campaigns:write");
		String id = api.post("/api/v1/campaigns", "{\"name\":\"Drafts\"}").body().get("id").asText();
		String steps = "/api/v1/campaigns/" + id + "/steps";
		api.post(steps, "");
		api.put(steps + "/1", WRITTEN);

		api.put(steps + "/1/draft", WRITTEN.replace("Hello, a quick one.", "Half written"));
		JsonNode step = api.get("/api/v1/campaigns/" + id).body().get("steps").get(0);
		assertThat(step.get("variants").get(0).get("text").asText()).isEqualTo("Hello, a quick one.");
		assertThat(step.get("draft").get("step").get("variants").get(0).get("text").asText()).isEqualTo("Half written");
		assertThat(step.get("draft").has("savedAt")).isTrue();

		assertThat(api.delete(steps + "/1/draft").body().get("steps").get(0).has("draft")).isFalse();
		api.put(steps + "/1/draft", WRITTEN.replace("Hello, a quick one.", "Again"));
		JsonNode saved = api.put(steps + "/1", WRITTEN.replace("Hello, a quick one.", "Again"))
			.body()
			.get("steps")
			.get(0);
		assertThat(saved.has("draft")).isFalse();
		assertThat(saved.get("variants").get(0).get("text").asText()).isEqualTo("Again");
		assertThat(api.put(steps + "/4/draft", WRITTEN).status()).isEqualTo(404);
	}

	@Test
	void aDraftMayHoldEmptyStepsButARunningCampaignRefusesThemAndAnArchivedOneEverything() throws Exception {
		Account account = fixtures.verifiedAccount("steps-running");
		Api api = fixtures.api(account, "campaigns:read", "campaigns:write", "contacts:write");
		String id = api.post("/api/v1/campaigns", "{\"name\":\"Running\"}").body().get("id").asText();
		String steps = "/api/v1/campaigns/" + id + "/steps";
		UUID mailbox = setup.mailbox(account, "sam@" + setup.verifiedDomain(account), 2525, 30, 0, 0).id();
		UUID ada = setup.contact(account, "ada@client.test", "Ada", "").id();
		api.patch("/api/v1/campaigns/" + id, "{\"mailboxIds\":[\"" + mailbox + "\"]}");
		api.post("/api/v1/campaigns/" + id + "/recipients", "{\"contactIds\":[\"" + ada + "\"]}");
		api.post(steps, "");
		api.put(steps + "/1", WRITTEN);
		api.post(steps, "");

		Api.Response refused = api.post("/api/v1/campaigns/" + id + "/launch", "");
		assertThat(refused.status()).isEqualTo(422);
		assertThat(refused.body().get("reasons").toString()).contains("Step 2 has no body");
		api.delete(steps + "/2");
		assertThat(api.post("/api/v1/campaigns/" + id + "/launch", "").body().get("status").asText())
			.isEqualTo("running");

		Api.Response empty = api.post(steps, "");
		assertThat(empty.status()).isEqualTo(422);
		assertThat(empty.body().get("detail").asText()).contains("Step 2 has no body");
		assertThat(api.put(steps + "/1", WRITTEN.replace("Hello, a quick one.", "")).status()).isEqualTo(422);
		assertThat(api.post(steps + "/1/duplicate", "").status()).isEqualTo(200);
		assertThat(api.post(steps + "/2/move", "{\"to\":1}").status()).isEqualTo(200);

		api.post("/api/v1/campaigns/" + id + "/archive", "");
		assertThat(api.post(steps + "/1/duplicate", "").status()).isEqualTo(409);
		assertThat(api.put(steps + "/1", WRITTEN).status()).isEqualTo(409);
	}

}
