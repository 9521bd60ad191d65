package com.penguinmails.contacts;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.contacts.Contacts.NewContact;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class BulkApiTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Contacts contacts;

	@Autowired
	ContactBulkWorker worker;

	@Test
	void startsAJobOnChosenIdsOrOnAFilterAndReportsIt() throws Exception {
		Account account = fixtures.verifiedAccount("bulk-api");
		Api api = fixtures.api(account, "contacts:read", "contacts:write");
		String ada = add(account, "ada@analytical.test", "lead");
		String bob = add(account, "bob@builder.test", "lead");
		add(account, "cat@catalyst.test", "other");

		Api.Response chosen = api.post("/api/v1/contacts/bulk",
				"{\"action\":\"tag_add\",\"value\":\"vip\",\"ids\":[\"" + ada + "\"]}");
		assertThat(chosen.status()).isEqualTo(202);
		assertThat(chosen.header("Location")).isEqualTo("/api/v1/contacts/bulk/" + chosen.body().get("id").asText());
		assertThat(chosen.body().get("status").asText()).isEqualTo("done");
		assertThat(chosen.body().get("scope").asText()).isEqualTo("selected");
		assertThat(chosen.body().get("done").asLong()).isEqualTo(1);

		JsonNode filtered = api
			.post("/api/v1/contacts/bulk",
					"{\"action\":\"status\",\"value\":\"bounced\",\"filter\":{\"tag\":\"lead\"}}")
			.body();
		assertThat(filtered.get("total").asLong()).isEqualTo(2);
		assertThat(filtered.get("filter").get("tag").asText()).isEqualTo("lead");
		// The filter's JSON is its conditions only: no derived "empty" flag.
		assertThat(filtered.get("filter").has("empty")).isFalse();
		assertThat(filtered.has("empty")).isFalse();
		JsonNode read = api.get("/api/v1/contacts/bulk/" + filtered.get("id").asText()).body();
		assertThat(read.get("status").asText()).isEqualTo("done");
		assertThat(read.get("done").asLong()).isEqualTo(2);
		assertThat(api.get("/api/v1/contacts/" + bob).body().get("status").asText()).isEqualTo("bounced");
		assertThat(api.get("/api/v1/contacts/bulk").body().get("data")).hasSize(2);
		// An ended job cannot be cancelled.
		assertThat(api.post("/api/v1/contacts/bulk/" + read.get("id").asText() + "/cancel", "").status())
			.isEqualTo(409);
	}

	@Test
	void badRequestsAreProblemsAndNothingIsDone() throws Exception {
		Account account = fixtures.verifiedAccount("bulk-api-bad");
		Account stranger = fixtures.verifiedAccount("bulk-api-stranger");
		Api api = fixtures.api(account, "contacts:read", "contacts:write");
		String ada = add(account, "ada@analytical.test", "lead");
		String eve = add(stranger, "eve@elsewhere.test", "lead");

		assertThat(api.post("/api/v1/contacts/bulk", "{\"action\":\"paint\",\"ids\":[\"" + ada + "\"]}").status())
			.isEqualTo(400);
		assertThat(
				api.post("/api/v1/contacts/bulk", "{\"action\":\"tag_add\",\"value\":\"\",\"ids\":[\"" + ada + "\"]}")
					.status())
			.isEqualTo(400);
		assertThat(api
			.post("/api/v1/contacts/bulk", "{\"action\":\"list_add\",\"value\":\"nope\",\"ids\":[\"" + ada + "\"]}")
			.status()).isEqualTo(400);
		assertThat(api.post("/api/v1/contacts/bulk", "{\"action\":\"tag_add\",\"value\":\"x\",\"ids\":[]}").status())
			.isEqualTo(400);
		assertThat(api
			.post("/api/v1/contacts/bulk", "{\"action\":\"tag_add\",\"value\":\"x\",\"filter\":{\"list\":\"7\"}}")
			.status()).isEqualTo(400);
		String enrol = "{\"action\":\"enrol\",\"value\":\"" + java.util.UUID.randomUUID() + "\",\"ids\":[\"" + ada
				+ "\"]}";
		// Enrolling needs campaigns:write as well; an unknown campaign is not found.
		assertThat(api.post("/api/v1/contacts/bulk", enrol).status()).isEqualTo(403);
		assertThat(fixtures.api(account, "contacts:read", "contacts:write", "campaigns:write")
			.post("/api/v1/contacts/bulk", enrol)
			.status()).isEqualTo(404);
		// Neither ids nor a filter is not "everybody".
		assertThat(api.post("/api/v1/contacts/bulk", "{\"action\":\"delete\"}").status()).isEqualTo(400);
		Api.Response foreign = api.post("/api/v1/contacts/bulk",
				"{\"action\":\"delete\",\"ids\":[\"" + ada + "\",\"" + eve + "\"]}");
		assertThat(foreign.status()).isEqualTo(404);
		assertThat(foreign.body().get("unknownIds").get(0).asText()).isEqualTo(eve);
		assertThat(api.get("/api/v1/contacts/" + ada).status()).isEqualTo(200);
		assertThat(api.get("/api/v1/contacts/bulk/" + java.util.UUID.randomUUID()).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/contacts/bulk/not-an-id").status()).isEqualTo(400);
		// Read-only keys may export but not change anything.
		Api readOnly = fixtures.api(account, "contacts:read");
		assertThat(readOnly.post("/api/v1/contacts/bulk", "{\"action\":\"delete\",\"ids\":[\"" + ada + "\"]}").status())
			.isEqualTo(403);
		assertThat(readOnly.post("/api/v1/contacts/bulk", "{\"action\":\"export\",\"ids\":[\"" + ada + "\"]}").status())
			.isEqualTo(202);
	}

	@Test
	void exportsEveryMatchingContactAsCsvStreamed() throws Exception {
		Account account = fixtures.verifiedAccount("bulk-api-export");
		Api api = fixtures.api(account, "contacts:read");
		contacts.create(account.owner(), new NewContact("ada@analytical.test", "Ada", "", "@SUM(A1)", "", "", "", "",
				"", "", Map.of(), List.of("lead")));
		add(account, "bob@builder.test", "other");
		Api.Response csv = api.get("/api/v1/contacts/export", "tag", "lead");
		assertThat(csv.status()).isEqualTo(200);
		assertThat(csv.raw().getContentType()).startsWith("text/csv");
		String[] lines = csv.raw().getContentAsString().split("\n");
		assertThat(lines).hasSize(2);
		assertThat(lines[1]).startsWith("ada@analytical.test,Ada,,'@SUM(A1),");
		assertThat(api.get("/api/v1/contacts/export", "status", "sleeping").status()).isEqualTo(400);
		assertThat(api.get("/api/v1/contacts/export", "segment", java.util.UUID.randomUUID().toString()).status())
			.isEqualTo(404);
	}

	private String add(Account account, String email, String tag) {
		return contacts
			.create(account.owner(), new NewContact(email, "", "", "", "", "", "", "", "", "", Map.of(), List.of(tag)))
			.id()
			.toString();
	}

}
