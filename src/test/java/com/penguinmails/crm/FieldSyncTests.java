package com.penguinmails.crm;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two-way field sync with HubSpot (WireMock speaking its documented shapes): the baseline
 * kept on the link, each conflict policy when both sides changed a field, one side only,
 * a link without a baseline, local edits sent within the push worker's period
 * ({@code HubSpotPush.pushDue()}, which the worker runs every 5 s), an edit under "CRM
 * wins" kept here only, and an import's own update not echoed back.
 */
@IntegrationTest
class FieldSyncTests {

	/** HubSpot's modification time of the record in the first import. */
	private static final String EARLIER = "2026-11-30T10:11:12.000Z";

	/** A modification time after any local edit of these tests. */
	private static final String LATER = "2099-01-01T00:00:00.000Z";

	@Autowired
	Fixtures fixtures;

	@Autowired
	HubSpotPush push;

	WireMockServer server;

	@BeforeEach
	void stubs() {
		server = HubSpotStubs.reset();
		// Pushes left over from other tests' workspaces: sent (and stubbed) first.
		HubSpotStubs.notesCreated(server);
		HubSpotStubs.batchUpdated(server);
		push.pushDue();
		server.resetAll();
	}

	@Test
	void whenBothSidesChangedCrmWinsByDefaultAndTheLogSaysWhy() throws Exception {
		Account account = fixtures.verifiedAccount("sync-crm-wins");
		Api api = imported(account);
		UUID ada = ada(account);
		editCompany(account, ada, "Local Ltd");

		JsonNode run = importing(api, "Remote Inc", EARLIER);

		assertThat(company(account, ada)).isEqualTo("Remote Inc");
		assertThat(reasons(api, run)).anyMatch(r -> r.contains("company: took HubSpot's value (HubSpot wins)"));
		assertThat(fieldPushes(account)).isEmpty();
		assertThat(baseline(account, "company")).isEqualTo("Remote Inc");
	}

	@Test
	void whenBothSidesChangedPenguinMailsWinsKeepsOursAndSendsIt() throws Exception {
		Account account = fixtures.verifiedAccount("sync-pm-wins");
		Api api = imported(account);
		UUID ada = ada(account);
		// Edited while the CRM still won (kept here only), then the policy changed.
		editCompany(account, ada, "Local Ltd");
		policy(api, "company", "penguinmails");

		JsonNode run = importing(api, "Remote Inc", EARLIER);

		assertThat(company(account, ada)).isEqualTo("Local Ltd");
		assertThat(reasons(api, run))
			.anyMatch(r -> r.contains("company: kept PenguinMails' value (PenguinMails wins)"));
		assertThat(baseline(account, "company")).isEqualTo("Local Ltd");
		HubSpotStubs.batchUpdated(server);
		assertThat(push.pushDue()).isEqualTo(1);
		server.verify(postRequestedFor(urlPathEqualTo(HubSpotStubs.BATCH_UPDATE)).withRequestBody(
				equalToJson("{\"inputs\":[{\"id\":\"101\",\"properties\":{\"company\":\"Local Ltd\"}}]}", true, true)));
	}

	@Test
	void whenBothSidesChangedNewestWinsComparesTheEditTimes() throws Exception {
		Account account = fixtures.verifiedAccount("sync-newest");
		Api api = imported(account);
		UUID ada = ada(account);
		editCompany(account, ada, "Local Ltd");
		policy(api, "company", "newest");

		// HubSpot's change is older than ours: ours stays and is sent.
		JsonNode older = importing(api, "Remote Inc", EARLIER);
		assertThat(company(account, ada)).isEqualTo("Local Ltd");
		assertThat(reasons(api, older)).anyMatch(r -> r.contains("company: kept PenguinMails' value (newest wins"));
		assertThat(fieldPushes(account)).hasSize(1);

		// Edited here again while the policy said CRM wins, then changed in HubSpot
		// later.
		policy(api, "company", "crm");
		editCompany(account, ada, "Local Again");
		policy(api, "company", "newest");
		JsonNode newer = importing(api, "Remote Later", LATER);
		assertThat(company(account, ada)).isEqualTo("Remote Later");
		assertThat(reasons(api, newer)).anyMatch(r -> r.contains("company: took HubSpot's value (newest wins"));
		assertThat(fieldPushes(account)).hasSize(1);
	}

	@Test
	void aFieldChangedOnOneSideOnlyTakesThatSidesValue() throws Exception {
		Account account = fixtures.verifiedAccount("sync-one-side");
		Api api = imported(account);
		UUID ada = ada(account);

		// Only HubSpot changed: taken, whatever the policy.
		policy(api, "company", "penguinmails");
		importing(api, "Remote Inc", LATER);
		assertThat(company(account, ada)).isEqualTo("Remote Inc");

		// Only PenguinMails changed, under CRM wins: ours stays, nothing is sent.
		policy(api, "company", "crm");
		editCompany(account, ada, "Local Ltd");
		JsonNode run = importing(api, "Remote Inc", LATER);
		assertThat(company(account, ada)).isEqualTo("Local Ltd");
		assertThat(run.path("unchanged").asInt()).isEqualTo(1);
		assertThat(fieldPushes(account)).isEmpty();
	}

	@Test
	void aLinkWithoutABaselineImportsAsBeforeThenHasOne() throws Exception {
		Account account = fixtures.verifiedAccount("sync-no-baseline");
		Api api = imported(account);
		UUID ada = ada(account);
		policy(api, "company", "penguinmails");
		fixtures.jdbc()
			.sql("UPDATE crm_links SET synced_values = NULL, synced_at = NULL WHERE workspace_id = ?")
			.param(account.workspaceId())
			.update();
		// Edited here: without a baseline there is nothing to compare, so nothing is
		// sent.
		editCompany(account, ada, "Local Ltd");
		assertThat(fieldPushes(account)).isEmpty();

		importing(api, "Remote Inc", EARLIER);

		assertThat(company(account, ada)).isEqualTo("Remote Inc");
		assertThat(baseline(account, "company")).isEqualTo("Remote Inc");
		assertThat(fieldPushes(account)).isEmpty();
	}

	@Test
	void aLocalEditIsSentToHubSpotWithinTheWorkersPeriod() throws Exception {
		Account account = fixtures.verifiedAccount("sync-push");
		Api api = imported(account);
		UUID ada = ada(account);
		policy(api, "title", "penguinmails");

		Api.Response patched = fixtures.api(account, "contacts:write")
			.patch("/api/v1/contacts/" + ada, "{\"title\":\"Chief Scientist\",\"company\":\"Local Ltd\"}");
		assertThat(patched.status()).isEqualTo(200);

		// Queued at once (the listener runs after the commit); the worker sends it.
		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !fieldPushes(account).isEmpty());
		assertThat(fieldPushes(account)).containsExactly("{\"properties\": {\"jobtitle\": \"Chief Scientist\"}}");
		HubSpotStubs.batchUpdated(server);
		assertThat(push.pushDue()).isEqualTo(1);
		server.verify(postRequestedFor(urlPathEqualTo(HubSpotStubs.BATCH_UPDATE)).withRequestBody(equalToJson(
				"{\"inputs\":[{\"id\":\"101\",\"properties\":{\"jobtitle\":\"Chief Scientist\"}}]}", true, true)));
		assertThat(baseline(account, "title")).isEqualTo("Chief Scientist");
		// Company (CRM wins) stays here only, its edit time recorded.
		assertThat(baseline(account, "company")).isEqualTo("Analytical Engines");
		assertThat(localEdits(account)).contains("company", "title");
	}

	@Test
	void anEditUnderCrmWinsIsNotSentAndAnImportsOwnUpdateDoesNotEcho() throws Exception {
		Account account = fixtures.verifiedAccount("sync-no-echo");
		Api api = imported(account);
		UUID ada = ada(account);
		policy(api, "title", "penguinmails");

		editCompany(account, ada, "Local Ltd");
		fixtures.api(account, "contacts:write").patch("/api/v1/contacts/" + ada, "{\"phone\":\"+44 1\"}");
		fixtures.awaitEvents("FieldSyncListener");
		assertThat(fieldPushes(account)).isEmpty();

		// HubSpot changed the title and company: taken, and not sent back.
		stubPage(record("Remote Inc", "Chief Scientist", LATER));
		importRun(api);
		fixtures.awaitEvents("FieldSyncListener");
		assertThat(company(account, ada)).isEqualTo("Remote Inc");
		assertThat(fieldPushes(account)).isEmpty();
	}

	@Test
	void policiesAreListedCheckedAndSaved() throws Exception {
		Account account = fixtures.verifiedAccount("sync-policies");
		Api api = fixtures.api(account, "crm:read", "crm:write");
		assertThat(api.get("/api/v1/crm/hubspot").body().path("connected").asBoolean(true)).isFalse();
		assertThat(api.get("/api/v1/crm/hubspot/field-policies").status()).isEqualTo(404);
		imported(account);
		api.put("/api/v1/crm/hubspot/settings",
				"{\"targetList\":\"HubSpot\",\"fieldMap\":{\"industry\":\"industry\"}}");

		JsonNode fields = api.get("/api/v1/crm/hubspot/field-policies").body().path("fields");
		assertThat(fields).hasSize(8);
		assertThat(fields.get(0).path("field").asText()).isEqualTo("firstName");
		assertThat(fields.get(0).path("policy").asText()).isEqualTo("crm");
		assertThat(fields.get(7).path("field").asText()).isEqualTo("custom.industry");
		assertThat(fields.get(7).path("crmName").asText()).isEqualTo("industry");

		JsonNode saved = api
			.put("/api/v1/crm/hubspot/field-policies", "{\"policies\":{\"custom.industry\":\"newest\"}}")
			.body();
		assertThat(saved.path("fields").get(7).path("policyLabel").asText()).isEqualTo("Newest wins");
		Api.Response bad = api.put("/api/v1/crm/hubspot/field-policies", "{\"policies\":{\"company\":\"sometimes\"}}");
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.body().path("type").asText()).endsWith("/crm-field-policy");
		assertThat(api.put("/api/v1/crm/hubspot/field-policies", "{\"policies\":{\"email\":\"crm\"}}").status())
			.isEqualTo(400);
		assertThat(fixtures.api(account, "crm:read")
			.put("/api/v1/crm/hubspot/field-policies", "{\"policies\":{\"company\":\"crm\"}}")
			.status()).isEqualTo(403);
		assertThat(api.get("/api/v1/crm/hubspot").body().path("connected").asBoolean()).isTrue();
	}

	/** Connects and imports Ada (record 101, company Analytical Engines). */
	private Api imported(Account account) throws Exception {
		HubSpotStubs.tokenAccepted(server);
		Api api = fixtures.api(account, "crm:read", "crm:write");
		assertThat(api.put("/api/v1/crm/hubspot", "{\"token\":\"" + HubSpotStubs.TOKEN + "\"}").status())
			.isEqualTo(200);
		api.put("/api/v1/crm/hubspot/settings", "{\"targetList\":\"HubSpot\"}");
		JsonNode run = importing(api, "Analytical Engines", EARLIER);
		assertThat(run.path("created").asInt()).isEqualTo(1);
		return api;
	}

	/** Imports Ada with this company and modification time. */
	private JsonNode importing(Api api, String company, String modified) throws Exception {
		stubPage(record(company, "Head of Research", modified));
		return importRun(api);
	}

	private void stubPage(String record) {
		server.stubFor(get(urlPathEqualTo(HubSpotStubs.CONTACTS)).withQueryParam("limit", equalTo("2"))
			.willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json;charset=utf-8")
				.withHeader("X-HubSpot-RateLimit-Remaining", "97")
				.withBody("{\"results\":[" + record + "]}")));
	}

	/** Record 101 in HubSpot's shape ({@code SimplePublicObject}). */
	private static String record(String company, String title, String modified) {
		return """
				{"id": "101", "properties": {"email": "ada@analytical.example", "firstname": "Ada",
				 "lastname": "Lovelace", "company": "%s", "jobtitle": "%s", "hs_object_id": "101",
				 "industry": "Computing", "createdate": "2026-11-02T09:14:27.113Z", "lastmodifieddate": "%s"},
				 "createdAt": "2026-11-02T09:14:27.113Z", "updatedAt": "%s", "archived": false}""".formatted(company,
				title, modified, modified);
	}

	private static JsonNode importRun(Api api) throws Exception {
		Api.Response started = api.post("/api/v1/crm/hubspot/imports", "");
		assertThat(started.status()).isEqualTo(202);
		String id = started.body().path("id").asText();
		JsonNode[] run = new JsonNode[1];
		Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
			run[0] = api.get("/api/v1/crm/hubspot/imports/" + id).body().path("run");
			return !run[0].path("status").asText().equals("running");
		});
		assertThat(run[0].path("status").asText()).isEqualTo("done");
		return run[0];
	}

	private void policy(Api api, String field, String policy) throws Exception {
		assertThat(
				api.put("/api/v1/crm/hubspot/field-policies", "{\"policies\":{\"" + field + "\":\"" + policy + "\"}}")
					.status())
			.isEqualTo(200);
	}

	private void editCompany(Account account, UUID contact, String company) throws Exception {
		assertThat(fixtures.api(account, "contacts:write")
			.patch("/api/v1/contacts/" + contact, "{\"company\":\"" + company + "\"}")
			.status()).isEqualTo(200);
		fixtures.awaitEvents("FieldSyncListener");
	}

	private List<String> reasons(Api api, JsonNode run) throws Exception {
		List<String> reasons = new java.util.ArrayList<>();
		api.get("/api/v1/crm/hubspot/imports/" + run.path("id").asText())
			.body()
			.path("entries")
			.forEach(e -> reasons.add(e.path("reason").asText()));
		return reasons;
	}

	private UUID ada(Account account) {
		return fixtures.jdbc()
			.sql("SELECT id FROM contacts WHERE workspace_id = ? AND email = 'ada@analytical.example'")
			.param(account.workspaceId())
			.query(UUID.class)
			.single();
	}

	private String company(Account account, UUID contact) {
		return fixtures.jdbc()
			.sql("SELECT company FROM contacts WHERE workspace_id = ? AND id = ?")
			.params(account.workspaceId(), contact)
			.query(String.class)
			.single();
	}

	private String baseline(Account account, String field) {
		return fixtures.jdbc()
			.sql("SELECT synced_values ->> ? FROM crm_links WHERE workspace_id = ?")
			.params(field, account.workspaceId())
			.query(String.class)
			.single();
	}

	private String localEdits(Account account) {
		return fixtures.jdbc()
			.sql("SELECT local_edits::text FROM crm_links WHERE workspace_id = ?")
			.param(account.workspaceId())
			.query(String.class)
			.single();
	}

	private List<String> fieldPushes(Account account) {
		return fixtures.jdbc()
			.sql("SELECT payload::text FROM crm_push_queue WHERE workspace_id = ? AND kind = 'field' ORDER BY created_at")
			.param(account.workspaceId())
			.query(String.class)
			.list();
	}

}
