package com.penguinmails;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import com.penguinmails.identity.internal.ApiKeyService;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.OpenApiContract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The OpenAPI document tells the truth: a representative journey through the API (domain,
 * mailbox, template, contacts, list, segment, campaign, launch, stats, inbox, and the
 * errors on the way) has every request and response validated against the served
 * document.
 */
@IntegrationTest
class OpenApiConformanceTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ObjectMapper json;

	@Autowired
	Fixtures fixtures;

	@Test
	void aBulkJobsFilterSchemaListsItsConditionsOnly() throws Exception {
		JsonNode schemas = json
			.readTree(mvc.perform(get("/api/docs/openapi.json"))
				.andReturn()
				.getResponse()
				.getContentAsString(StandardCharsets.UTF_8))
			.path("components")
			.path("schemas");
		assertThat(schemas.path("ContactBulkJob").path("properties").toString())
			.contains("#/components/schemas/ContactFilter");
		assertThat(schemas.path("ContactFilter").path("properties").fieldNames()).toIterable()
			.containsExactlyInAnyOrder("q", "listId", "tag", "status", "segmentId");
	}

	@Test
	void campaignAndTemplateBodiesAreDistinctSchemasWithTheirRealStatusCodes() throws Exception {
		String served = mvc.perform(get("/api/docs/openapi.json"))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		// Kept for review: target/openapi.json is the document as served.
		Files.writeString(Path.of("target", "openapi.json"), served);
		JsonNode document = json.readTree(served);
		JsonNode schemas = document.path("components").path("schemas");
		assertThat(schemas.path("CampaignsDraft").path("properties").has("steps")).isTrue();
		assertThat(schemas.path("CampaignStep").path("properties").has("delayMinutes")).isTrue();
		assertThat(schemas.path("TemplatesDraft").path("properties").has("html")).isTrue();
		assertThat(schemas.has("Draft")).isFalse();
		JsonNode create = document.path("paths").path("/api/v1/campaigns").path("post");
		assertThat(create.path("requestBody").toString()).contains("#/components/schemas/CampaignsDraft");
		assertThat(create.path("responses").has("201")).isTrue();
		assertThat(create.path("responses").has("200")).isFalse();
		assertThat(create.path("responses").path("400").path("content").has("application/problem+json")).isTrue();
		assertThat(create.path("responses").has("401")).isTrue();
		assertThat(create.path("responses").has("429")).isTrue();
		JsonNode delete = document.path("paths").path("/api/v1/templates/{id}").path("delete");
		assertThat(delete.path("responses").has("204")).isTrue();
		assertThat(delete.path("responses").has("404")).isTrue();
		assertThat(document.path("paths").path("/api/v1/contacts/imports").path("post").path("responses").has("202"))
			.isTrue();
		assertThat(
				document.path("paths").path("/api/v1/campaigns/{id}/launch").path("post").path("responses").has("422"))
			.isTrue();
	}

	@Test
	void aJourneyThroughTheApiMatchesTheDocument() throws Exception {
		OpenApiContract contract = OpenApiContract.served(mvc);
		Account account = fixtures.verifiedAccount("openapi-journey");
		Api api = fixtures.api(account, ApiKeyService.allScopes().toArray(String[]::new)).checkedBy(contract);

		assertThat(api.get("/api/v1/me").status()).isEqualTo(200);
		String domainName = "journey-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		Api.Response domain = api.post("/api/v1/domains", "{\"name\":\"" + domainName + "\"}");
		assertThat(domain.status()).isEqualTo(201);
		String domainId = domain.body().get("id").asText();
		assertThat(api.get("/api/v1/domains/" + domainId + "/records").status()).isEqualTo(200);
		assertThat(api.get("/api/v1/domains/" + domainId + "/health").status()).isEqualTo(200);
		fixtures.jdbc()
			.sql("UPDATE domains SET status = 'verified', next_check_at = now() + interval '1 day' WHERE id = ?::uuid")
			.param(domainId)
			.update();

		Api.Response mailbox = api.post("/api/v1/mailboxes", """
				{"email":"sam@%s","displayName":"Sam","preset":"generic",
				 "smtp":{"host":"127.0.0.1","port":2525,"security":"NONE","username":"sam","password":"secret"},
				 "imap":{"host":"127.0.0.1","port":143,"security":"NONE","username":"sam","password":"secret"},
				 "dailyCap":30}""".formatted(domainName));
		assertThat(mailbox.status()).isEqualTo(201);
		String mailboxId = mailbox.body().get("id").asText();
		assertThat(api.get("/api/v1/mailboxes").status()).isEqualTo(200);

		Api.Response template = api.post("/api/v1/templates",
				"{\"name\":\"Intro\",\"subject\":\"Hi {{ first_name }}\",\"html\":\"<p>Hello</p>\"}");
		assertThat(template.status()).isEqualTo(201);
		String templateId = template.body().get("id").asText();
		assertThat(api
			.put("/api/v1/templates/" + templateId,
					"{\"name\":\"Intro\",\"subject\":\"Hello {{ first_name }}\",\"html\":\"<p>Hi</p>\"}")
			.status()).isEqualTo(200);
		assertThat(api.post("/api/v1/templates/" + templateId + "/preview", "{\"contact\":{\"first_name\":\"Ada\"}}")
			.status()).isEqualTo(200);
		assertThat(api.post("/api/v1/templates", "{\"name\":\"Intro\",\"subject\":\"Again\",\"html\":\"<p>Again</p>\"}")
			.status()).isEqualTo(409);

		Api.Response ada = api.post("/api/v1/contacts",
				"{\"email\":\"ada@client.test\",\"firstName\":\"Ada\",\"tags\":[\"vip\"]}");
		assertThat(ada.status()).isEqualTo(201);
		String adaId = ada.body().get("id").asText();
		assertThat(api.patch("/api/v1/contacts/" + adaId, "{\"company\":\"Analytical Engines\"}").status())
			.isEqualTo(200);
		assertThat(api.get("/api/v1/contacts").status()).isEqualTo(200);
		Api.Response imported = api.send(MockMvcRequestBuilders.post("/api/v1/contacts/imports")
			.contentType("text/csv")
			.content("email,first_name\nbob@client.test,Bob\n".getBytes(StandardCharsets.UTF_8)));
		assertThat(imported.status()).isEqualTo(202);
		assertThat(api.get(imported.header("Location")).status()).isEqualTo(200);
		assertThat(api
			.send(MockMvcRequestBuilders.post("/api/v1/suppressions/import")
				.contentType("text/csv")
				.content("value\nspammer.test\n".getBytes(StandardCharsets.UTF_8)))
			.status()).isEqualTo(200);
		assertThat(api.post("/api/v1/contacts", "{\"email\":\"not an address\"}").status()).isEqualTo(400);

		Api.Response list = api.post("/api/v1/lists", "{\"name\":\"Launch list\"}");
		assertThat(list.status()).isEqualTo(201);
		String listId = list.body().get("id").asText();
		assertThat(api.post("/api/v1/lists/" + listId + "/members", "{\"contactIds\":[\"" + adaId + "\"]}").status())
			.isEqualTo(200);
		Api.Response segment = api.post("/api/v1/segments", """
				{"name":"VIPs","definition":{"match":"all","conditions":[{"field":"tag","op":"in","value":"vip"}]}}""");
		assertThat(segment.status()).isEqualTo(201);
		assertThat(api
			.post("/api/v1/segments/count",
					"{\"match\":\"all\",\"conditions\":[{\"field\":\"tag\",\"op\":\"in\",\"value\":\"vip\"}]}")
			.status()).isEqualTo(200);

		Api.Response campaign = api.post("/api/v1/campaigns", "{\"name\":\"Journey\"}");
		assertThat(campaign.status()).isEqualTo(201);
		String campaignId = campaign.body().get("id").asText();
		assertThat(api.post("/api/v1/campaigns/" + campaignId + "/launch", "").status()).isEqualTo(422);
		assertThat(api
			.patch("/api/v1/campaigns/" + campaignId,
					"""
							{"mailboxIds":["%s"],
							 "steps":[{"delayMinutes":0,"variants":[{"subject":"Hi {{ first_name | default: 'there' }}","html":"<p>Hello</p>"}]},
							          {"delayMinutes":2880,"variants":[{"subject":"Again","html":"<p>Again</p>"}]}]}"""
						.formatted(mailboxId))
			.status()).isEqualTo(200);
		assertThat(api
			.post("/api/v1/campaigns/" + campaignId + "/recipients",
					"{\"listIds\":[\"" + listId + "\"],\"segmentIds\":[\"" + segment.body().get("id").asText() + "\"]}")
			.status()).isEqualTo(200);
		assertThat(api.post("/api/v1/campaigns/" + campaignId + "/launch", "").status()).isEqualTo(200);
		assertThat(api.post("/api/v1/campaigns/" + campaignId + "/launch", "").status()).isEqualTo(409);
		assertThat(api.get("/api/v1/campaigns/" + campaignId + "/recipients").status()).isEqualTo(200);
		assertThat(api.get("/api/v1/campaigns/" + campaignId + "/sends").status()).isEqualTo(200);
		assertThat(api.get("/api/v1/campaigns/" + campaignId + "/stats").status()).isEqualTo(200);
		assertThat(api.get("/api/v1/campaigns").status()).isEqualTo(200);
		assertThat(api.get("/api/v1/sending").status()).isEqualTo(200);
		assertThat(api.get("/api/v1/inbox").status()).isEqualTo(200);
		assertThat(api.get("/api/v1/inbox", "show", "everything").status()).isEqualTo(400);

		assertThat(api.get("/api/v1/campaigns/" + UUID.randomUUID()).status()).isEqualTo(404);
		assertThat(api.post("/api/v1/campaigns", "{\"name\":\"x\",\"mailboxIds\":[\"" + UUID.randomUUID() + "\"]}")
			.status()).isEqualTo(404);
		assertThat(api.post("/api/v1/campaigns", "{\"name\":\"x\",\"steps\":{}}").status()).isEqualTo(400);
		assertThat(api.post("/api/v1/lists", "{\"name\":\"a\\u0000b\"}").status()).isEqualTo(400);
		// A request the document does not allow: only its answer is checked.
		Api.Response plain = fixtures.api(account, "contacts:write")
			.send(MockMvcRequestBuilders.post("/api/v1/lists").contentType("text/plain").content("Plain"));
		assertThat(plain.status()).isEqualTo(415);
		assertThat(contract.checkResponse("post", "/api/v1/lists", plain.raw())).isEmpty();
		assertThat(api.delete("/api/v1/templates/" + templateId).status()).isEqualTo(204);
		assertThat(
				contract.check(mvc.perform(get("/api/v1/me").header("Authorization", "Bearer pm_unknown")).andReturn())
					.getResponse()
					.getStatus())
			.isEqualTo(401);
		Api reader = fixtures.api(account, "campaigns:read").checkedBy(contract);
		assertThat(reader.post("/api/v1/campaigns", "{\"name\":\"Not allowed\"}").status()).isEqualTo(403);

		assertThat(contract.violations()).isEmpty();
	}

}
