package com.penguinmails.contacts;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

@IntegrationTest
class SuppressionTests {

	@Autowired
	Suppressions suppressions;

	@Autowired
	Fixtures fixtures;

	@Autowired
	MockMvc mvc;

	@Autowired
	ObjectMapper json;

	@Test
	void addressesAndWholeDomainsAreSuppressedPerWorkspace() throws Exception {
		Account account = fixtures.verifiedAccount("supp");
		String key = fixtures.apiKey(account, "contacts:write");
		assertThat(mvc
			.perform(post("/api/v1/suppressions").header("Authorization", "Bearer " + key)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"value\":\"Jo@Example.COM\",\"reason\":\"unsubscribed\"}"))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(201);
		assertThat(mvc
			.perform(post("/api/v1/suppressions").header("Authorization", "Bearer " + key)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"value\":\"jo@example.com\"}"))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(200);
		suppressions.suppress(account.workspaceId(), "competitor.test", "manual");

		assertThat(suppressions.isSuppressed(account.workspaceId(), "JO@example.com")).isTrue();
		assertThat(suppressions.isSuppressed(account.workspaceId(), "other@example.com")).isFalse();
		assertThat(suppressions.isSuppressed(account.workspaceId(), "ceo@competitor.test")).isTrue();
		assertThat(suppressions.isSuppressed(account.workspaceId(), "ceo@mail.competitor.test")).isTrue();
		Account other = fixtures.verifiedAccount("supp-other");
		assertThat(suppressions.isSuppressed(other.workspaceId(), "jo@example.com")).isFalse();

		assertThat(mvc
			.perform(post("/api/v1/suppressions").header("Authorization", "Bearer " + key)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"value\":\"not an address\"}"))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(400);
		assertThat(mvc
			.perform(post("/api/v1/suppressions").header("Authorization", "Bearer " + key)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"value\":\"a@b.test\",\"reason\":\"because\"}"))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(400);

		JsonNode page = json
			.readTree(mvc.perform(get("/api/v1/suppressions?limit=1").header("Authorization", "Bearer " + key))
				.andReturn()
				.getResponse()
				.getContentAsString());
		assertThat(page.get("data")).hasSize(1);
		String cursor = page.get("nextCursor").asText();
		JsonNode next = json.readTree(mvc
			.perform(get("/api/v1/suppressions?limit=1&cursor=" + cursor).header("Authorization", "Bearer " + key))
			.andReturn()
			.getResponse()
			.getContentAsString());
		assertThat(next.get("data").get(0).get("value").asText())
			.isNotEqualTo(page.get("data").get(0).get("value").asText());

		// Another workspace cannot remove it.
		String id = page.get("data").get(0).get("id").asText();
		String otherKey = fixtures.apiKey(other, "contacts:write");
		assertThat(mvc.perform(delete("/api/v1/suppressions/" + id).header("Authorization", "Bearer " + otherKey))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
	}

	@Test
	void importReportsBadLinesAndExportListsEverything() throws Exception {
		Account account = fixtures.verifiedAccount("supp-import");
		String key = fixtures.apiKey(account, "contacts:write");
		JsonNode result = json.readTree(mvc
			.perform(post("/api/v1/suppressions/import").header("Authorization", "Bearer " + key)
				.contentType("text/csv")
				.content("value,reason\na@x.test,hard_bounce\nbad value,manual\nx.test,complaint\na@x.test,manual\n"))
			.andReturn()
			.getResponse()
			.getContentAsString());
		assertThat(result.get("added").asInt()).isEqualTo(2);
		assertThat(result.get("alreadyThere").asInt()).isEqualTo(1);
		assertThat(result.get("errors").get(0).asText()).startsWith("Line 3:");
		String csv = mvc.perform(get("/api/v1/suppressions/export").header("Authorization", "Bearer " + key))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(csv).startsWith("kind,value,reason,created_at\n")
			.contains("address,a@x.test,hard_bounce,")
			.contains("domain,x.test,complaint,");
	}

	@Test
	void exportedCellsNeverRunAsSpreadsheetFormulas() throws Exception {
		Account account = fixtures.verifiedAccount("supp-formula");
		String key = fixtures.apiKey(account, "contacts:write", "contacts:read");
		mvc.perform(post("/api/v1/suppressions/import").header("Authorization", "Bearer " + key)
			.contentType("text/csv")
			.content("value,reason\n=1+1@evil.test,manual\n+x@evil.test,manual\n-x@evil.test,manual\n"));
		String csv = mvc.perform(get("/api/v1/suppressions/export").header("Authorization", "Bearer " + key))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(csv).contains("address,'=1+1@evil.test,manual,")
			.contains("address,'+x@evil.test,manual,")
			.contains("address,'-x@evil.test,manual,")
			.doesNotContain(",=1")
			.doesNotContain(",+x")
			.doesNotContain(",-x");
	}

}
