package com.penguinmails.contacts;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

@IntegrationTest
class LeadScoringTests {

	@Autowired
	Fixtures fixtures;

	private static int score(Api api, String id) throws Exception {
		return api.get("/api/v1/contacts/" + id).body().get("score").asInt();
	}

	@Test
	void aContactScoresTheSumOfTheRulesItMatchesKeptCurrentOnEveryChange() throws Exception {
		Account account = fixtures.verifiedAccount("scoring");
		Api api = fixtures.api(account, "contacts:read", "contacts:write");
		api.post("/api/v1/contacts/fields", "{\"key\":\"seats\",\"type\":\"number\"}");
		String ceo = api
			.post("/api/v1/contacts", "{\"email\":\"ceo@acme.test\",\"title\":\"CEO\",\"custom\":{\"seats\":200}}")
			.body()
			.get("id")
			.asText();
		String intern = api.post("/api/v1/contacts", "{\"email\":\"info@acme.test\",\"title\":\"Intern\"}")
			.body()
			.get("id")
			.asText();

		Api.Response rule = api.post("/api/v1/scoring-rules",
				"{\"name\":\"Decision maker\",\"condition\":{\"field\":\"title\",\"op\":\"equals\",\"value\":\"ceo\"},\"points\":30}");
		assertThat(rule.status()).isEqualTo(201);
		api.post("/api/v1/scoring-rules",
				"{\"condition\":{\"field\":\"custom.seats\",\"op\":\"greater_than\",\"value\":\"100\"},\"points\":20}");
		api.post("/api/v1/scoring-rules",
				"{\"name\":\"Role address\",\"condition\":{\"field\":\"role_address\",\"op\":\"is_true\"},\"points\":-15}");
		// Rules apply at once to the contacts already there.
		assertThat(score(api, ceo)).isEqualTo(50);
		assertThat(score(api, intern)).isEqualTo(-15);

		// An edit re-scores the contact.
		api.patch("/api/v1/contacts/" + ceo, "{\"custom\":{\"seats\":5}}");
		assertThat(score(api, ceo)).isEqualTo(30);
		// So does an import.
		Api.Response started = api.send(post("/api/v1/contacts/imports").contentType("text/csv")
			.content("email,title,seats\ncfo@acme.test,CEO,500\n".getBytes(StandardCharsets.UTF_8)));
		String location = started.header("Location");
		await().until(() -> api.get(location).body().get("status").asText().equals("done"));
		JsonNode imported = api.get("/api/v1/contacts").body().get("data");
		for (JsonNode contact : imported) {
			if (contact.get("email").asText().equals("cfo@acme.test")) {
				assertThat(contact.get("score").asInt()).isEqualTo(50);
			}
		}
		// Segments filter on the score.
		assertThat(api.post("/api/v1/segments/count", """
				{"match":"all","conditions":[{"field":"score","op":"greater_than","value":"25"}]}""")
			.body()
			.get("contacts")
			.asInt()).isEqualTo(2);

		// Deleting a rule takes its points away.
		api.delete("/api/v1/scoring-rules/" + rule.body().get("id").asText());
		assertThat(score(api, ceo)).isZero();
		assertThat(api.get("/api/v1/scoring-rules").body().get("data")).hasSize(2);

		// Bad rules are refused with a reason.
		assertThat(api
			.post("/api/v1/scoring-rules",
					"{\"condition\":{\"field\":\"password\",\"op\":\"equals\",\"value\":\"x\"},\"points\":5}")
			.status()).isEqualTo(400);
		assertThat(api
			.post("/api/v1/scoring-rules",
					"{\"condition\":{\"field\":\"title\",\"op\":\"equals\",\"value\":\"x\"},\"points\":5000}")
			.status()).isEqualTo(400);
		assertThat(
				api.post("/api/v1/scoring-rules", "{\"condition\":{\"field\":\"title\",\"op\":\"equals\"}}").status())
			.isEqualTo(400);
		// Rules are per workspace.
		Api stranger = fixtures.api(fixtures.verifiedAccount("scoring-stranger"), "contacts:read", "contacts:write");
		assertThat(stranger.get("/api/v1/scoring-rules").body().get("data")).isEmpty();
		assertThat(stranger.delete("/api/v1/scoring-rules/" + rule.body().get("id").asText()).status()).isEqualTo(404);
	}

}
