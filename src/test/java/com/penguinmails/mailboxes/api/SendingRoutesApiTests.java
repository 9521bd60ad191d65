package com.penguinmails.mailboxes.api;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.OpenApiContract;
import com.penguinmails.support.ProviderApis;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sending providers and sending routes API: create, list, read, replace, reorder and
 * delete, matching the served OpenAPI document; bad input is a 400 (or 409) RFC 9457
 * problem naming what is wrong; secrets are never returned; another workspace's route is
 * not found.
 */
@IntegrationTest
class SendingRoutesApiTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	MockMvc mvc;

	OpenApiContract contract;

	@AfterEach
	void everyExchangeMatchesTheOpenApiDocument() {
		if (contract != null) {
			assertThat(contract.violations()).isEmpty();
		}
	}

	private static String mailgun(String name, String domain) {
		return """
				{"name": "%s", "kind": "mailgun", "apiKey": "key-very-secret", "domain": "%s", "region": "eu"}"""
			.formatted(name, domain);
	}

	private static String route(String match, String value, String providers, boolean thenSmtp) {
		return """
				{"match": "%s", "value": "%s", "providers": [%s], "thenSmtp": %s}""".formatted(match, value, providers,
				thenSmtp);
	}

	private static void assertProblem(Api.Response response, int status, String type) {
		assertThat(response.status()).isEqualTo(status);
		assertThat(response.raw().getContentType()).startsWith("application/problem+json");
		assertThat(response.body().path("type").asText()).endsWith("/" + type);
		assertThat(response.body().path("detail").asText()).isNotBlank();
	}

	@Test
	void providersAndRoutesAreCreatedListedReorderedReplacedAndDeleted() throws Exception {
		Account account = fixtures.verifiedAccount("routes-api");
		contract = OpenApiContract.served(mvc);
		Api api = fixtures.api(account, "mailboxes:read", "mailboxes:write").checkedBy(contract);
		String mgDomain = "mg-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";

		Api.Response provider = api.post("/api/v1/sending-providers", mailgun("Mailgun EU", mgDomain));
		assertThat(provider.status()).isEqualTo(201);
		assertThat(provider.raw().getContentAsString()).doesNotContain("key-very-secret");
		assertThat(provider.body().path("transport").path("kind").asText()).isEqualTo("mailgun");
		assertThat(provider.body().path("transport").path("credentialsSet").asBoolean()).isTrue();
		assertThat(provider.body().path("health").asText()).isEqualTo("unknown");
		String providerId = provider.body().path("id").asText();

		Api.Response edu = api.post("/api/v1/sending-routes",
				route("recipient_domain", "*.EDU", "\"" + providerId + "\"", true));
		assertThat(edu.status()).isEqualTo(201);
		assertThat(edu.header("Location")).isEqualTo("/api/v1/sending-routes/" + edu.body().path("id").asText());
		assertThat(edu.body().path("value").asText()).isEqualTo("*.edu");
		assertThat(edu.body().path("position").asInt()).isEqualTo(1);
		assertThat(edu.body().path("words").asText()).isEqualTo("Messages to any domain under edu go through "
				+ "Mailgun EU, then the mailbox's own SMTP server, each tried when the one before fails.");
		Api.Response google = api.post("/api/v1/sending-routes", route("recipient_provider", "google", "", true));
		assertThat(google.status()).isEqualTo(201);
		assertThat(google.body().path("position").asInt()).isEqualTo(2);
		assertThat(google.body().path("words").asText())
			.isEqualTo("Messages to recipients at Google (Gmail, Workspace) go through the mailbox's own SMTP server.");

		String eduId = edu.body().path("id").asText();
		String googleId = google.body().path("id").asText();
		Api.Response reordered = api.put("/api/v1/sending-routes/order",
				"{\"ids\": [\"" + googleId + "\", \"" + eduId + "\"]}");
		assertThat(reordered.status()).isEqualTo(200);
		JsonNode listed = api.get("/api/v1/sending-routes").body().path("data");
		assertThat(listed).hasSize(2);
		assertThat(listed.get(0).path("id").asText()).isEqualTo(googleId);
		assertThat(listed.get(1).path("providers").get(0).path("name").asText()).isEqualTo("Mailgun EU");

		Api.Response replaced = api.put("/api/v1/sending-routes/" + eduId,
				route("recipient_domain", "example.org", "\"" + providerId + "\"", false));
		assertThat(replaced.status()).isEqualTo(200);
		assertThat(replaced.body().path("position").asInt()).isEqualTo(2);
		assertThat(replaced.body().path("thenSmtp").asBoolean()).isFalse();
		assertThat(replaced.body().path("words").asText())
			.isEqualTo("Messages to example.org addresses go through Mailgun EU.");

		assertProblem(api.delete("/api/v1/sending-providers/" + providerId), 409, "provider-in-use");
		assertThat(api.delete("/api/v1/sending-routes/" + googleId).status()).isEqualTo(204);
		assertThat(api.get("/api/v1/sending-routes/" + eduId).body().path("position").asInt()).isEqualTo(1);
		assertThat(api.delete("/api/v1/sending-routes/" + eduId).status()).isEqualTo(204);
		assertThat(api.delete("/api/v1/sending-providers/" + providerId).status()).isEqualTo(204);
		assertThat(api.get("/api/v1/sending-providers").body().path("data")).isEmpty();
	}

	@Test
	void badRoutesAndProvidersAreProblemsNamingWhatIsWrong() throws Exception {
		Account account = fixtures.verifiedAccount("routes-api-bad");
		contract = OpenApiContract.served(mvc);
		Api api = fixtures.api(account, "mailboxes:read", "mailboxes:write").checkedBy(contract);

		assertProblem(api.post("/api/v1/sending-routes", route("sender", "x", "", true)), 400, "invalid-route-match");
		assertProblem(api.post("/api/v1/sending-routes", route("recipient_domain", "not a domain", "", true)), 400,
				"invalid-route-domain");
		assertProblem(api.post("/api/v1/sending-routes", route("recipient_provider", "hotmail", "", true)), 400,
				"invalid-recipient-provider");
		assertProblem(api.post("/api/v1/sending-routes", route("campaign", UUID.randomUUID().toString(), "", true)),
				400, "unknown-campaign");
		assertProblem(
				api.post("/api/v1/sending-routes",
						route("recipient_domain", "example.org", "\"" + UUID.randomUUID() + "\"", true)),
				400, "unknown-provider");
		assertProblem(api.post("/api/v1/sending-routes", route("recipient_domain", "example.org", "", false)), 400,
				"empty-route");
		assertProblem(api.post("/api/v1/sending-routes", route("campaign", "", "", true)), 400, "campaign-required");
		UUID archived = UUID.randomUUID();
		fixtures.jdbc()
			.sql("""
					INSERT INTO campaigns (id, workspace_id, name, status, send_days, window_start, window_end, created_at)
					VALUES (?, ?, 'Archived', 'archived', '{1,2,3,4,5,6,7}', '00:00', '23:59:59', now())""")
			.params(archived, account.workspaceId())
			.update();
		assertProblem(api.post("/api/v1/sending-routes", route("campaign", archived.toString(), "", true)), 400,
				"campaign-archived");
		assertProblem(api.post("/api/v1/sending-routes", route("recipient_domain", "*.", "", true)), 400,
				"invalid-route-domain");
		assertProblem(api.post("/api/v1/sending-providers", """
				{"name": "SES", "kind": "ses", "accessKeyId": "AKIA1", "secretAccessKey": "s", "region": "Ireland"}"""),
				400, "invalid-region");
		Api.Response off = api.post("/api/v1/sending-providers",
				"""
						{"name": "Off", "kind": "mailgun", "apiKey": "key-off", "domain": "mg.example.com", "enabled": false}""");
		assertThat(off.status()).isEqualTo(201);
		assertThat(off.body().path("enabled").asBoolean(true)).isFalse();
		assertThat(off.body().path("transport").has("fallbackToSmtp")).isFalse();
		assertProblem(
				api.post("/api/v1/sending-routes",
						route("recipient_domain", "example.org", "\"" + off.body().path("id").asText() + "\"", false)),
				400, "providers-off");
		assertProblem(api.post("/api/v1/sending-providers", mailgun("", "mg.example.com")), 400, "invalid-name");
		assertProblem(api.post("/api/v1/sending-providers", "{\"name\": \"SMTP\", \"kind\": \"smtp\"}"), 400,
				"invalid-provider-kind");
		assertProblem(
				api.post("/api/v1/sending-providers",
						"{\"name\": \"No key\", \"kind\": \"mailgun\", " + "\"domain\": \"mg.example.com\"}"),
				400, "credentials-required");
		assertThat(api.post("/api/v1/sending-providers", mailgun("Twice", "mg.example.com")).status()).isEqualTo(201);
		assertProblem(api.post("/api/v1/sending-providers", mailgun("twice", "mg.example.com")), 409,
				"provider-exists");

		String id = api.post("/api/v1/sending-routes", route("recipient_domain", "example.org", "", true))
			.body()
			.path("id")
			.asText();
		assertProblem(api.put("/api/v1/sending-routes/order", "{\"ids\": []}"), 400, "invalid-route-order");
		assertThat(api.get("/api/v1/sending-routes/" + UUID.randomUUID()).status()).isEqualTo(404);

		Account other = fixtures.verifiedAccount("routes-api-other");
		Api stranger = fixtures.api(other, "mailboxes:read", "mailboxes:write");
		assertThat(stranger.get("/api/v1/sending-routes/" + id).status()).isEqualTo(404);
		assertThat(stranger.delete("/api/v1/sending-routes/" + id).status()).isEqualTo(404);
		assertThat(stranger.get("/api/v1/sending-routes").body().path("data")).isEmpty();
	}

	@Test
	void aProviderIsCheckedOnDemandAndItsHealthSaysWhyItFails() throws Exception {
		Account account = fixtures.verifiedAccount("routes-api-check");
		Api api = fixtures.api(account, "mailboxes:read", "mailboxes:write");
		String mgDomain = "mg-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
		ProviderApis.shared()
			.stubFor(get(urlPathEqualTo("/mailgun-eu/v3/domains/" + mgDomain))
				.willReturn(aResponse().withStatus(401).withBody("Forbidden")));
		String id = api.post("/api/v1/sending-providers", mailgun("Refused", mgDomain)).body().path("id").asText();

		Api.Response checked = api.post("/api/v1/sending-providers/" + id + "/check", "");

		assertThat(checked.status()).isEqualTo(200);
		assertThat(checked.body().path("health").asText()).isEqualTo("failing");
		assertThat(checked.body().path("healthError").asText())
			.startsWith("Mailgun refused the API key (HTTP 401): Forbidden.");
		assertThat(checked.body().path("healthError").asText()).doesNotContain("authentication");
		assertThat(checked.body().path("checkedAt").isTextual()).isTrue();
	}

	@Test
	void aProvidersKindIsRequiredCannotChangeAndIsNeverSmtp() throws Exception {
		Account account = fixtures.verifiedAccount("routes-api-kind");
		Api api = fixtures.api(account, "mailboxes:read", "mailboxes:write");
		String id = api.post("/api/v1/sending-providers", mailgun("Kind kept", "mg.example.com"))
			.body()
			.path("id")
			.asText();

		Api.Response changed = api.put("/api/v1/sending-providers/" + id,
				"""
						{"name": "Kind kept", "kind": "ses", "accessKeyId": "AKIA1", "secretAccessKey": "s", "region": "eu-west-1"}""");
		assertProblem(changed, 400, "kind-changed");
		assertThat(changed.body().path("detail").asText()).isEqualTo(
				"This provider is Mailgun: its kind cannot change. To use another kind of provider, add a new one.");
		assertThat(api.get("/api/v1/sending-providers/" + id).body().path("transport").path("kind").asText())
			.isEqualTo("mailgun");

		Api.Response nameOnly = api.put("/api/v1/sending-providers/" + id, "{\"name\": \"Renamed\"}");
		assertProblem(nameOnly, 400, "kind-required");
		assertThat(nameOnly.body().path("detail").asText())
			.isEqualTo("Give the provider's kind: postmark, mailgun or ses.");

		Api.Response sendgrid = api.post("/api/v1/sending-providers", "{\"name\": \"SG\", \"kind\": \"sendgrid\"}");
		assertProblem(sendgrid, 400, "invalid-provider-kind");
		assertThat(sendgrid.body().path("detail").asText())
			.isEqualTo("A sending provider's kind is postmark, mailgun or ses.");

		JsonNode docs = new com.fasterxml.jackson.databind.ObjectMapper().readTree(mvc
			.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/docs/openapi.json"))
			.andReturn()
			.getResponse()
			.getContentAsString());
		for (String path : List.of("/api/v1/sending-providers/{id}", "/api/v1/sending-routes/{id}")) {
			for (String method : List.of("get", "delete")) {
				assertThat(docs.path("paths").path(path).path(method).path("summary").asText())
					.as("%s %s summary", method, path)
					.isNotBlank();
			}
		}
	}

}
