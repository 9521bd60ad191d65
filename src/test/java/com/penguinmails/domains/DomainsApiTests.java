package com.penguinmails.domains;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

@IntegrationTest
class DomainsApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	ObjectMapper json;

	private MvcResult addDomain(String key, String body) throws Exception {
		return mvc
			.perform(post("/api/v1/domains").header("Authorization", "Bearer " + key)
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
			.andReturn();
	}

	@Test
	void addListRecordsVerifyHealthAndDelete() throws Exception {
		Account account = fixtures.verifiedAccount("dom-api");
		String key = fixtures.apiKey(account, "domains:write");
		String name = "api-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		MvcResult created = addDomain(key, "{\"name\":\"" + name.toUpperCase() + ".\"}");
		assertThat(created.getResponse().getStatus()).isEqualTo(201);
		JsonNode domain = json.readTree(created.getResponse().getContentAsString());
		String id = domain.get("id").asText();
		assertThat(domain.get("name").asText()).isEqualTo(name);
		assertThat(domain.get("status").asText()).isEqualTo("pending");
		assertThat(created.getResponse().getHeader("Location")).isEqualTo("/api/v1/domains/" + id);

		String records = mvc.perform(get("/api/v1/domains/" + id + "/records").header("Authorization", "Bearer " + key))
			.andReturn()
			.getResponse()
			.getContentAsString();
		JsonNode recordsJson = json.readTree(records);
		assertThat(recordsJson.get("records").findValuesAsText("purpose")).containsExactly("spf", "dkim", "dmarc",
				"tracking", "ownership");
		assertThat(recordsJson.get("zone").asText()).contains("IN TXT");
		// The private key is never returned, and is encrypted in the database.
		assertThat(records).doesNotContain("PRIVATE").doesNotContain("privateKey");
		byte[] stored = fixtures.jdbc()
			.sql("SELECT private_key FROM dkim_keys WHERE domain_id = ?::uuid")
			.param(id)
			.query(byte[].class)
			.single();
		assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("MII");

		MvcResult verified = mvc
			.perform(post("/api/v1/domains/" + id + "/verify").header("Authorization", "Bearer " + key))
			.andReturn();
		assertThat(verified.getResponse().getStatus()).isEqualTo(200);
		assertThat(verified.getResponse().getContentAsString()).contains("\"status\":\"missing\"");
		String health = mvc.perform(get("/api/v1/domains/" + id + "/health").header("Authorization", "Bearer " + key))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(json.readTree(health).get("score").asInt()).isZero();

		assertThat(mvc.perform(get("/api/v1/domains").header("Authorization", "Bearer " + key))
			.andReturn()
			.getResponse()
			.getContentAsString()).contains(name);
		assertThat(mvc.perform(delete("/api/v1/domains/" + id).header("Authorization", "Bearer " + key))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(204);
		assertThat(mvc.perform(get("/api/v1/domains/" + id).header("Authorization", "Bearer " + key))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
	}

	@Test
	void badNamesDuplicatesAndInternationalNames() throws Exception {
		Account account = fixtures.verifiedAccount("dom-bad");
		String key = fixtures.apiKey(account, "domains:write");
		for (String bad : new String[] { "https://example.com", "nodot", "bad_label.example.com", "-lead.example.com",
				"a..b.example.com", "example.123", "me@example.com" }) {
			MvcResult result = addDomain(key, "{\"name\":\"" + bad + "\"}");
			assertThat(result.getResponse().getStatus()).as(bad).isEqualTo(400);
			assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
		}
		String unicode = "bücher-" + UUID.randomUUID().toString().substring(0, 6) + ".test";
		JsonNode idn = json
			.readTree(addDomain(key, "{\"name\":\"" + unicode + "\"}").getResponse().getContentAsString());
		assertThat(idn.get("name").asText()).startsWith("xn--").endsWith(".test");
		assertThat(idn.get("displayName").asText()).isEqualTo(unicode);

		Account other = fixtures.verifiedAccount("dom-other");
		MvcResult taken = addDomain(fixtures.apiKey(other, "domains:write"), "{\"name\":\"" + unicode + "\"}");
		assertThat(taken.getResponse().getStatus()).isEqualTo(409);

		MvcResult badSpf = addDomain(key, "{\"name\":\"spf-x" + UUID.randomUUID().toString().substring(0, 6)
				+ ".test\",\"spfMechanisms\":\"include:x.test; rm -rf\"}");
		assertThat(badSpf.getResponse().getStatus()).isEqualTo(400);
		MvcResult noMx = addDomain(key,
				"{\"name\":\"mx-x" + UUID.randomUUID().toString().substring(0, 6) + ".test\",\"receivesMail\":true}");
		assertThat(noMx.getResponse().getContentAsString()).contains("mail servers");
	}

	@Test
	void anotherWorkspaceGets404ForEveryDomainResource() throws Exception {
		Account owner = fixtures.verifiedAccount("dom-owner");
		Account intruder = fixtures.verifiedAccount("dom-intruder");
		String ownerKey = fixtures.apiKey(owner, "domains:write");
		String id = json
			.readTree(
					addDomain(ownerKey, "{\"name\":\"iso-" + UUID.randomUUID().toString().substring(0, 8) + ".test\"}")
						.getResponse()
						.getContentAsString())
			.get("id")
			.asText();
		String intruderKey = fixtures.apiKey(intruder, "domains:write");
		for (var request : new org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder[] {
				get("/api/v1/domains/" + id), get("/api/v1/domains/" + id + "/records"),
				post("/api/v1/domains/" + id + "/verify"), get("/api/v1/domains/" + id + "/health"),
				delete("/api/v1/domains/" + id) }) {
			assertThat(mvc.perform(request.header("Authorization", "Bearer " + intruderKey))
				.andReturn()
				.getResponse()
				.getStatus()).isEqualTo(404);
		}
		WebSession page = fixtures.signedIn(intruder);
		assertThat(page.get("/domains/" + id).getResponse().getStatus()).isEqualTo(404);
		assertThat(page.post("/domains/" + id + "/verify").getResponse().getStatus()).isEqualTo(404);
		assertThat(page.post("/domains/" + id + "/delete", "confirm", "x").getResponse().getStatus()).isEqualTo(404);
		assertThat(fixtures.jdbc()
			.sql("SELECT count(*) FROM domains WHERE id = ?::uuid")
			.param(id)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void anOwnerMovesADomainWithItsKeysAndHistoryToAnotherOfTheirWorkspaces() throws Exception {
		Account agency = fixtures.verifiedAccount("mover-agency");
		WebSession session = fixtures.signedIn(agency);
		session.post("/workspaces", "name", "Client B");
		UUID clientB = fixtures.jdbc()
			.sql("SELECT w.id FROM workspaces w JOIN memberships m ON m.workspace_id = w.id WHERE m.user_id = ? AND w.name = 'Client B'")
			.param(agency.userId())
			.query(UUID.class)
			.single();
		session.post("/workspaces/switch", "workspaceId", agency.workspaceId().toString());
		String name = "move-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		String location = session.post("/domains", "name", name).getResponse().getRedirectedUrl();
		session.post(location + "/verify");
		String selector = fixtures.jdbc()
			.sql("SELECT selector FROM dkim_keys k JOIN domains d ON d.id = k.domain_id WHERE d.name = ?")
			.param(name)
			.query(String.class)
			.single();

		// A workspace the user does not own is "not found".
		Account stranger = fixtures.verifiedAccount("mover-stranger");
		assertThat(session.post(location + "/move", "workspaceId", stranger.workspaceId().toString())
			.getFlashMap()
			.get("error")).isEqualTo("Workspace not found.");

		assertThat(session.post(location + "/move", "workspaceId", clientB.toString()).getFlashMap().get("notice"))
			.asString()
			.contains("moved");
		assertThat(session.get(location).getResponse().getStatus()).isEqualTo(404);
		session.post("/workspaces/switch", "workspaceId", clientB.toString());
		String moved = session.get(location).getResponse().getContentAsString();
		assertThat(moved).contains(name).contains(selector).contains("not found");
	}

	@Test
	void readOnlyKeysAndViewersCannotChangeDomains() throws Exception {
		Account account = fixtures.verifiedAccount("dom-ro");
		String readOnly = fixtures.apiKey(account, "domains:read");
		assertThat(addDomain(readOnly, "{\"name\":\"ro.test\"}").getResponse().getStatus()).isEqualTo(403);
		assertThat(mvc.perform(get("/api/v1/domains").header("Authorization", "Bearer " + readOnly))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(200);
	}

	@Test
	void theWizardPageShowsRecordsWithCopyButtonsAndVerifies() throws Exception {
		Account account = fixtures.verifiedAccount("dom-page");
		WebSession session = fixtures.signedIn(account);
		String name = "page-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		MvcResult added = session.post("/domains", "name", name, "spfMechanisms", "include:spf.protection.outlook.com");
		String location = added.getResponse().getRedirectedUrl();
		assertThat(location).startsWith("/domains/");
		String page = session.get(location).getResponse().getContentAsString();
		assertThat(page).contains("v=spf1 include:spf.protection.outlook.com ~all")
			.contains("_dmarc." + name)
			.contains("data-copy")
			.contains("IN TXT (");
		String verified = session.post(location + "/verify").getResponse().getContentAsString();
		assertThat(verified).contains("fix the records marked below");
		assertThat(session.get("/domains").getResponse().getContentAsString()).contains(name).contains("0/100");

		MvcResult bad = session.post("/domains", "name", "not a domain");
		assertThat(bad.getFlashMap().get("error")).asString().contains("not a valid domain name");
	}

}
