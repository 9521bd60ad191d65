package com.penguinmails.audit;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.contacts.Suppressions;
import com.penguinmails.shared.AccessDeniedProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

@IntegrationTest
class PrivacyTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Privacy privacy;

	@Autowired
	Contacts contacts;

	@Autowired
	Suppressions suppressions;

	@Autowired
	ObjectMapper json;

	@Test
	void anExportHoldsEverythingAndBothRequestsAreAudited() throws Exception {
		Account account = fixtures.verifiedAccount("gdpr");
		Api api = fixtures.api(account, "contacts:read", "contacts:write", "audit:read");
		String id = api.post("/api/v1/contacts", """
				{"email":"ada@analytical.test","firstName":"Ada","custom":{"plan":"pro"},"tags":["vip"]}""")
			.body()
			.get("id")
			.asText();
		String list = api.post("/api/v1/lists", "{\"name\":\"VIPs\"}").body().get("id").asText();
		api.post("/api/v1/lists/" + list + "/members", "{\"contactIds\":[\"" + id + "\"]}");
		api.post("/api/v1/suppressions", "{\"value\":\"ada@analytical.test\",\"reason\":\"unsubscribed\"}");

		Api.Response export = api.get("/api/v1/contacts/" + id + "/export");
		assertThat(export.status()).isEqualTo(200);
		JsonNode held = export.body().get("contacts");
		assertThat(held.get("contact").get("email").asText()).isEqualTo("ada@analytical.test");
		assertThat(held.get("contact").get("custom").get("plan").asText()).isEqualTo("pro");
		assertThat(held.get("lists").get(0).asText()).isEqualTo("VIPs");
		assertThat(held.get("suppressions").get(0).get("reason").asText()).isEqualTo("unsubscribed");

		assertThat(api.post("/api/v1/contacts/" + id + "/erase", "").status()).isEqualTo(204);
		assertThat(api.get("/api/v1/contacts/" + id).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/contacts/" + id + "/export").status()).isEqualTo(404);

		// Both requests are in the audit log, naming the contact by id only.
		JsonNode events = api.get("/api/v1/audit-events", "limit", "200").body().get("data");
		assertThat(events.findValuesAsText("action")).contains("contact.exported", "contact.erased");
		for (JsonNode event : events) {
			assertThat(event.toString()).doesNotContain("ada@analytical.test");
			if (event.get("action").asText().startsWith("contact.")) {
				assertThat(event.get("target").asText()).isEqualTo("contact " + id);
				assertThat(event.get("actor").asText()).startsWith("API key ");
			}
		}
	}

	@Test
	void anErasedAddressKeepsOnlyItsHashAndIsNeitherMailedNorImportedAgain() throws Exception {
		Account account = fixtures.verifiedAccount("erasure");
		Api api = fixtures.api(account, "contacts:read", "contacts:write");
		String id = api.post("/api/v1/contacts", "{\"email\":\"Eve@Example.test\",\"firstName\":\"Eve\"}")
			.body()
			.get("id")
			.asText();
		privacy.erase(account.owner(), UUID.fromString(id), "127.0.0.1");

		assertThat(suppressions.isSuppressed(account.workspaceId(), "eve@example.test")).isTrue();
		String stored = fixtures.jdbc()
			.sql("SELECT coalesce(value, '(null)') || ' ' || reason FROM suppressions WHERE workspace_id = ?")
			.param(account.workspaceId())
			.query(String.class)
			.single();
		assertThat(stored).isEqualTo("(null) erased");
		assertThat(fixtures.jdbc()
			.sql("SELECT count(*) FROM contacts WHERE workspace_id = ?")
			.param(account.workspaceId())
			.query(Long.class)
			.single()).isZero();

		// Not added again by hand...
		Api.Response again = api.post("/api/v1/contacts", "{\"email\":\"eve@example.test\"}");
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.body().get("detail").asText()).contains("erased");
		// ...nor by an import, which goes on with the other rows.
		Api.Response started = api.send(post("/api/v1/contacts/imports").contentType("text/csv")
			.content(
					"email,first_name\nEVE@example.test,Eve\nbob@builder.test,Bob\n".getBytes(StandardCharsets.UTF_8)));
		String location = started.header("Location");
		JsonNode[] job = new JsonNode[1];
		await().until(() -> !(job[0] = api.get(location).body()).get("status").asText().equals("running"));
		assertThat(job[0].get("inserted").asInt()).isEqualTo(1);
		assertThat(job[0].get("skipped").asInt()).isEqualTo(1);
		// The entry that keeps them out cannot be removed.
		String entry = api.get("/api/v1/suppressions").body().get("data").get(0).get("id").asText();
		assertThat(api.delete("/api/v1/suppressions/" + entry).status()).isEqualTo(409);
	}

	@Test
	void erasureNeedsAnAdminAndTheContactPageOffersBoth() throws Exception {
		Account owner = fixtures.verifiedAccount("erasure-roles");
		UUID id = contacts
			.create(owner.owner(),
					new Contacts.NewContact("jo@example.test", "Jo", "", "", "", "", "", "", "", "", null, null))
			.id();
		Tenant member = new Tenant(owner.workspaceId(), owner.userId(), WorkspaceRole.MEMBER, Set.of(), null);
		assertThatThrownBy(() -> privacy.erase(member, id, "127.0.0.1")).isInstanceOf(AccessDeniedProblem.class);
		assertThat(privacy.export(member, id, "127.0.0.1")).containsKey("contacts");

		WebSession session = fixtures.signedIn(owner);
		String page = session.get("/contacts/" + id).getResponse().getContentAsString();
		assertThat(page).contains("Download everything held").contains("Erase this contact");
		MvcResult download = session.post("/contacts/" + id + "/export");
		assertThat(download.getResponse().getHeader("Content-Disposition")).contains("contact-" + id + ".json");
		assertThat(json.readTree(download.getResponse().getContentAsByteArray())
			.get("contacts")
			.get("contact")
			.get("firstName")
			.asText()).isEqualTo("Jo");
		MvcResult erased = session.post("/contacts/" + id + "/erase");
		assertThat(erased.getResponse().getRedirectedUrl()).isEqualTo("/contacts");
		assertThat(session.get("/contacts/" + id).getResponse().getStatus()).isEqualTo(404);
		await().untilAsserted(() -> assertThat(fixtures.jdbc()
			.sql("SELECT actor FROM audit_events WHERE workspace_id = ? AND action = 'contact.erased'")
			.param(owner.workspaceId())
			.query(String.class)
			.single()).isEqualTo(owner.email()));
	}

}
