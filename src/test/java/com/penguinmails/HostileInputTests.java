package com.penguinmails;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import com.penguinmails.identity.internal.ApiKeyService;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The kinds of hostile input an OpenAPI fuzzer found answering 500, each now a 4xx RFC
 * 9457 problem that says what is wrong and where.
 */
@IntegrationTest
class HostileInputTests {

	@Autowired
	Fixtures fixtures;

	@LocalServerPort
	int port;

	private Account account;

	private Api api;

	@BeforeEach
	void account() {
		account = fixtures.verifiedAccount("hostile");
		api = fixtures.api(account, ApiKeyService.allScopes().toArray(String[]::new));
	}

	@Test
	void aNulCharacterAnywhereInAJsonBodyIsA400NamingTheField() throws Exception {
		Api.Response list = api.post("/api/v1/lists", "{\"name\":\"VIP\\u0000s\"}");
		assertThat(list.status()).isEqualTo(400);
		assertThat(list.header("Content-Type")).startsWith("application/problem+json");
		assertThat(list.body().get("type").asText()).endsWith("/invalid-json");
		assertThat(list.body().get("errors").get("name").asText()).contains("NUL");

		Api.Response step = api.post("/api/v1/campaigns", """
				{"name":"x","steps":[{"delayMinutes":0,"variants":[{"subject":"Hi\\u0000","html":"<p>Hi</p>"}]}]}""");
		assertThat(step.status()).isEqualTo(400);
		assertThat(step.body().get("errors").has("steps[0].variants[0].subject")).isTrue();

		// Inside free-form objects too: custom field values and keys.
		String contact = api.post("/api/v1/contacts", "{\"email\":\"nul@client.test\"}").body().get("id").asText();
		Api.Response custom = api.patch("/api/v1/contacts/" + contact, "{\"custom\":{\"plan\":\"pro\\u0000\"}}");
		assertThat(custom.status()).isEqualTo(400);
		assertThat(custom.body().get("errors").has("custom.plan")).isTrue();
		assertThat(api.patch("/api/v1/contacts/" + contact, "{\"custom\":{\"pl\\u0000an\":\"pro\"}}").status())
			.isEqualTo(400);
	}

	@Test
	void aNulCharacterInAParameterIsA400OnTheApiAndOnPages() throws Exception {
		Api.Response query = api.get("/api/v1/inbox", "label", "re\u0000ply");
		assertThat(query.status()).isEqualTo(400);
		assertThat(query.header("Content-Type")).startsWith("application/problem+json");
		assertThat(query.body().get("errors").get("label").asText()).contains("NUL");
		WebSession page = fixtures.signedIn(account);
		assertThat(page.post("/lists", "name", "VIP\u0000").getResponse().getStatus()).isEqualTo(400);
		assertThat(page.post("/lists", "name", "VIP").getResponse().getStatus()).isLessThan(400);
	}

	@Test
	void aMalformedIdIsA400NamingItAndAnUnknownPathA404OnTheApiAndOnPages() throws Exception {
		Api.Response id = api.get("/api/v1/contacts/not-a-uuid");
		assertThat(id.status()).isEqualTo(400);
		assertThat(id.header("Content-Type")).startsWith("application/problem+json");
		assertThat(id.body().get("type").asText()).endsWith("/invalid-parameter");
		assertThat(id.body().get("detail").asText()).isEqualTo("id is not a valid UUID.");
		Api.Response nothing = api.get("/api/v1/no-such-thing");
		assertThat(nothing.status()).isEqualTo(404);
		assertThat(nothing.body().get("type").asText()).endsWith("/not-found");

		WebSession page = fixtures.signedIn(account);
		MvcResult contact = page.get("/contacts/not-a-uuid");
		assertThat(contact.getResponse().getStatus()).isEqualTo(400);
		assertThat(contact.getResponse().getContentType()).startsWith("text/html");
		assertThat(contact.getResponse().getContentAsString()).contains("id is not a valid UUID.");
		MvcResult missing = page.get("/no-such-page");
		assertThat(missing.getResponse().getStatus()).isEqualTo(404);
		assertThat(missing.getResponse().getContentType()).startsWith("text/html");
	}

	@Test
	void anUnpairedSurrogateIsA400ButAPairedOneIsText() throws Exception {
		Api.Response lone = api.post("/api/v1/lists", "{\"name\":\"broken \\ud83d list\"}");
		assertThat(lone.status()).isEqualTo(400);
		assertThat(lone.body().get("errors").get("name").asText()).contains("unpaired surrogate (U+D83D)");
		assertThat(api.post("/api/v1/lists", "{\"name\":\"\\udc00\"}").status()).isEqualTo(400);
		Api.Response emoji = api.post("/api/v1/lists", "{\"name\":\"penguins \\ud83d\\udc27\"}");
		assertThat(emoji.status()).isEqualTo(201);
		assertThat(emoji.body().get("name").asText()).isEqualTo("penguins \uD83D\uDC27");
	}

	@Test
	void stringsAndListsHaveLimitsThatTheProblemNames() throws Exception {
		Api.Response name = api.post("/api/v1/lists", "{\"name\":\"" + "x".repeat(10_001) + "\"}");
		assertThat(name.status()).isEqualTo(400);
		assertThat(name.body().get("errors").get("name").asText()).contains("at most 10000 characters");
		// A message body may be much longer than an ordinary field.
		assertThat(api
			.post("/api/v1/templates",
					"{\"name\":\"Long\",\"subject\":\"Hi\",\"html\":\"<p>" + "x".repeat(50_000) + "</p>\"}")
			.status()).isEqualTo(201);

		String ids = String.join(",", Collections.nCopies(1001, "\"" + UUID.randomUUID() + "\""));
		String list = api.post("/api/v1/lists", "{\"name\":\"Many\"}").body().get("id").asText();
		Api.Response members = api.post("/api/v1/lists/" + list + "/members", "{\"contactIds\":[" + ids + "]}");
		assertThat(members.status()).isEqualTo(400);
		assertThat(members.body().get("errors").get("contactIds").asText()).contains("at most 1000 items");
	}

	@Test
	void tagsAreBoundedInCountAndLengthAndNeverNull() throws Exception {
		List<String> tags = new ArrayList<>();
		for (int i = 0; i < 51; i++) {
			tags.add("\"t" + i + "\"");
		}
		Api.Response tooMany = api.post("/api/v1/contacts",
				"{\"email\":\"tags@client.test\",\"tags\":[" + String.join(",", tags) + "]}");
		assertThat(tooMany.status()).isEqualTo(400);
		assertThat(tooMany.body().get("detail").asText()).contains("at most 50 tags");
		Api.Response tooLong = api.post("/api/v1/contacts",
				"{\"email\":\"tags@client.test\",\"tags\":[\"" + "t".repeat(101) + "\"]}");
		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(tooLong.body().get("detail").asText()).contains("at most 100 characters");
		assertThat(api.post("/api/v1/contacts", "{\"email\":\"tags@client.test\",\"tags\":[null]}").status())
			.isEqualTo(400);
		String contact = api.post("/api/v1/contacts", "{\"email\":\"tags@client.test\",\"tags\":[\"ok\"]}")
			.body()
			.get("id")
			.asText();
		assertThat(api.patch("/api/v1/contacts/" + contact, "{\"tags\":[null]}").status()).isEqualTo(400);
		assertThat(api.patch("/api/v1/contacts/" + contact, "{\"tags\":[" + String.join(",", tags) + "]}").status())
			.isEqualTo(400);
	}

	@Test
	void aSegmentOrRuleWithANullConditionIsA400() throws Exception {
		Api.Response segment = api.post("/api/v1/segments",
				"{\"name\":\"Nulls\",\"definition\":{\"match\":\"all\",\"conditions\":[null]}}");
		assertThat(segment.status()).isEqualTo(400);
		assertThat(segment.body().get("detail").asText()).contains("a condition is null");
		assertThat(api.post("/api/v1/segments/count", "{\"conditions\":[null]}").status()).isEqualTo(400);
		assertThat(api.post("/api/v1/segments/count", "{\"conditions\":[{}]}").status()).isEqualTo(400);
		assertThat(api
			.post("/api/v1/segments/count",
					"{\"conditions\":[{\"field\":\"company\",\"op\":\"equals\",\"value\":\"" + "x".repeat(1001)
							+ "\"}]}")
			.status()).isEqualTo(400);
		assertThat(api.post("/api/v1/scoring-rules", "{\"name\":\"r\",\"condition\":null,\"points\":5}").status())
			.isEqualTo(400);
	}

	@Test
	void renamingATemplateOntoAnotherNameIsAConflict() throws Exception {
		api.post("/api/v1/templates", "{\"name\":\"Intro\",\"subject\":\"Hi\",\"html\":\"<p>Hi</p>\"}");
		String other = api
			.post("/api/v1/templates", "{\"name\":\"Follow-up\",\"subject\":\"Hi\",\"html\":\"<p>Hi</p>\"}")
			.body()
			.get("id")
			.asText();
		Api.Response renamed = api.put("/api/v1/templates/" + other,
				"{\"name\":\"Intro\",\"subject\":\"Hi\",\"html\":\"<p>Hi</p>\"}");
		assertThat(renamed.status()).isEqualTo(409);
		assertThat(renamed.body().get("type").asText()).endsWith("/template-exists");
		assertThat(api.get("/api/v1/templates/" + other).body().get("name").asText()).isEqualTo("Follow-up");
	}

	@Test
	void aCsvRowWithANulCharacterIsRefusedAndTheOthersImport() throws Exception {
		Api.Response started = api.send(MockMvcRequestBuilders.post("/api/v1/contacts/imports")
			.contentType("text/csv")
			.content("email,company\nada@client.test,Engines\nbob@client.test,Nul\u0000Corp\ncat@client.test,\n"
				.getBytes(StandardCharsets.UTF_8)));
		assertThat(started.status()).isEqualTo(202);
		String job = started.header("Location");
		JsonNode[] done = new JsonNode[1];
		await().until(() -> {
			done[0] = api.get(job).body();
			return !done[0].get("status").asText().equals("running");
		});
		assertThat(done[0].get("inserted").asInt()).isEqualTo(2);
		assertThat(done[0].get("errors").toString()).contains("NUL");
		Api.Response suppressions = api.send(MockMvcRequestBuilders.post("/api/v1/suppressions/import")
			.contentType("text/csv")
			.content("value\nspam\u0000@client.test\nok@client.test\n".getBytes(StandardCharsets.UTF_8)));
		assertThat(suppressions.status()).isEqualTo(200);
		assertThat(suppressions.body().get("added").asInt()).isEqualTo(1);
		assertThat(suppressions.body().get("errors")).hasSize(1);
	}

	@Test
	void aMultipartBodyWithoutBoundaryIsAClientErrorOnEveryImport() throws Exception {
		String key = fixtures.apiKey(account, ApiKeyService.allScopes().toArray(String[]::new));
		HttpClient http = HttpClient.newHttpClient();
		for (String path : List.of("/api/v1/contacts/imports", "/api/v1/domains/import", "/api/v1/mailboxes/import",
				"/api/v1/suppressions/import")) {
			HttpResponse<String> response = http
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
					.header("Authorization", "Bearer " + key)
					.header("Content-Type", "multipart/form-data")
					.POST(HttpRequest.BodyPublishers.ofString("email\nada@client.test\n"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(path).isIn(400, 415);
			assertThat(response.headers().firstValue("Content-Type").orElse("")).as(path)
				.startsWith("application/problem+json");
		}
	}

}
