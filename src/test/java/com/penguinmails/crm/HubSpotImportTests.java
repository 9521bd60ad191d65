package com.penguinmails.crm;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Importing HubSpot contacts through {@code /api/v1/crm/hubspot} against WireMock
 * speaking HubSpot's documented shapes: the cursor pages to the end, a malformed record
 * logged while the others import, an address changed in HubSpot updating the same
 * contact, a 429 with HubSpot's headers then success, a 5xx retried, a 401 marking the
 * connection "Connect again", a HubSpot list, and the token never returned.
 */
@IntegrationTest
class HubSpotImportTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	HubSpotSync hubspot;

	WireMockServer server;

	@BeforeEach
	void stubs() {
		server = HubSpotStubs.reset();
	}

	@Test
	void connectingChecksTheTokenStoresItEncryptedAndNeverReturnsIt() throws Exception {
		Account account = fixtures.verifiedAccount("crm-connect");
		Api api = fixtures.api(account, "crm:read", "crm:write");
		assertThat(api.get("/api/v1/crm/hubspot").body().path("connection").isMissingNode()
				|| api.get("/api/v1/crm/hubspot").body().path("connection").isNull())
			.isTrue();
		HubSpotStubs.tokenAccepted(server);

		Api.Response connected = api.put("/api/v1/crm/hubspot", "{\"token\":\"" + HubSpotStubs.TOKEN + "\"}");

		assertThat(connected.status()).isEqualTo(200);
		assertThat(connected.body().path("status").asText()).isEqualTo("connected");
		assertThat(connected.body().path("token").asText()).isEqualTo("token ending in e4f5");
		assertThat(connected.body().toString()).doesNotContain(HubSpotStubs.TOKEN);
		assertThat(api.get("/api/v1/crm/hubspot").body().toString()).doesNotContain(HubSpotStubs.TOKEN);
		byte[] stored = fixtures.jdbc()
			.sql("SELECT token FROM crm_connections WHERE workspace_id = ?")
			.param(account.workspaceId())
			.query(byte[].class)
			.single();
		assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("pat-na1");
		server.verify(getRequestedFor(urlPathEqualTo(HubSpotStubs.CONTACTS)).withHeader("Authorization",
				com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer " + HubSpotStubs.TOKEN)));

		JsonNode test = api.post("/api/v1/crm/hubspot/test", "").body();
		assertThat(test.path("ok").asBoolean()).isTrue();
		assertThat(test.path("message").asText()).startsWith("Connected:");
		fixtures.awaitEvents("AuditRecorder");
		assertThat(fixtures.jdbc()
			.sql("SELECT target FROM audit_events WHERE workspace_id = ? AND action = 'crm.hubspot.connected'")
			.param(account.workspaceId())
			.query(String.class)
			.list()).containsExactly("HubSpot, token ending in e4f5");
	}

	@Test
	void aTokenIsKeptAsFailingWhenHubSpotDoesNotAnswer() throws Exception {
		Account account = fixtures.verifiedAccount("crm-down");
		Api api = fixtures.api(account, "crm:read", "crm:write");
		server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo(HubSpotStubs.CONTACTS))
			.willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(503)));

		Api.Response saved = api.put("/api/v1/crm/hubspot", "{\"token\":\"" + HubSpotStubs.TOKEN + "\"}");

		assertThat(saved.status()).isEqualTo(200);
		assertThat(saved.body().path("status").asText()).isEqualTo("failing");
		assertThat(saved.body().path("message").asText()).contains("HubSpot answered 503");
		// Tried once and retried four times with backoff.
		server.verify(5, getRequestedFor(urlPathEqualTo(HubSpotStubs.CONTACTS)));
	}

	@Test
	void badTokensAndSettingsAreProblems() throws Exception {
		Account account = fixtures.verifiedAccount("crm-bad");
		Api api = fixtures.api(account, "crm:read", "crm:write");
		Api.Response malformed = api.put("/api/v1/crm/hubspot", "{\"token\":\"<script>\"}");
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.body().path("type").asText()).endsWith("/crm-token");
		HubSpotStubs.tokenRefused(server);
		Api.Response refused = api.put("/api/v1/crm/hubspot", "{\"token\":\"" + HubSpotStubs.TOKEN + "\"}");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body().path("detail").asText()).contains("expired 2 day(s) ago");
		assertThat(api.post("/api/v1/crm/hubspot/imports", "").status()).isEqualTo(404);
		assertThat(api.put("/api/v1/crm/hubspot/settings", "{\"targetList\":\"x\"}").status()).isEqualTo(404);

		server.resetAll();
		connect(account);
		assertThat(api.put("/api/v1/crm/hubspot/settings", "{\"targetList\":\"\"}").status()).isEqualTo(400);
		assertThat(api.put("/api/v1/crm/hubspot/settings", "{\"targetList\":\"L\",\"sourceListId\":\"abc\"}").status())
			.isEqualTo(400);
		assertThat(api
			.put("/api/v1/crm/hubspot/settings", "{\"targetList\":\"L\",\"fieldMap\":{\"Industry\":\"bad key!\"}}")
			.status()).isEqualTo(400);
		Api.Response schedule = api.put("/api/v1/crm/hubspot/settings",
				"{\"targetList\":\"L\",\"schedule\":\"weekly\"}");
		assertThat(schedule.status()).isEqualTo(400);
		assertThat(schedule.body().path("type").asText()).endsWith("/crm-schedule");
		assertThat(api.get("/api/v1/crm/hubspot/imports/" + UUID.randomUUID()).status()).isEqualTo(404);
	}

	@Test
	void importsEveryPageAndLogsTheMalformedRecordsWhileTheOthersImport() throws Exception {
		Account account = fixtures.verifiedAccount("crm-pages");
		Api api = connect(account);
		api.put("/api/v1/crm/hubspot/settings",
				"{\"targetList\":\"From HubSpot\",\"fieldMap\":{\"industry\":\"industry\"},\"schedule\":\"off\"}");
		HubSpotStubs.threePages(server);

		JsonNode run = imported(api);

		assertThat(run.path("status").asText()).isEqualTo("done");
		assertThat(run.path("pages").asInt()).isEqualTo(3);
		assertThat(run.path("created").asInt()).isEqualTo(4);
		assertThat(run.path("skipped").asInt()).isEqualTo(2);
		assertThat(contactEmails(account)).containsExactlyInAnyOrder("ada@analytical.example", "grace@navy.example",
				"katherine@nasa.example", "margaret@apollo.example");
		assertThat(fixtures.jdbc()
			.sql("""
					SELECT count(*) FROM contact_list_members m JOIN contact_lists l ON l.id = m.list_id
					WHERE l.workspace_id = ? AND l.name = 'From HubSpot'""")
			.param(account.workspaceId())
			.query(Long.class)
			.single()).isEqualTo(4);
		JsonNode ada = fixtures.api(account, "contacts:read")
			.get("/api/v1/contacts/" + contactId(account, "ada@analytical.example"))
			.body();
		assertThat(ada.path("title").asText()).isEqualTo("Head of Research");
		assertThat(ada.path("custom").path("industry").asText()).isEqualTo("Computing");

		JsonNode log = api.get("/api/v1/crm/hubspot/imports/" + run.path("id").asText()).body();
		List<JsonNode> skipped = entries(log, "skipped");
		assertThat(skipped).extracting(e -> e.path("recordId").asText()).containsExactlyInAnyOrder("104", "105");
		assertThat(skipped).extracting(e -> e.path("reason").asText())
			.anySatisfy(reason -> assertThat(reason).contains("no email address"))
			.anySatisfy(reason -> assertThat(reason).contains("Not a valid email address"));
		assertThat(entries(log, "created")).hasSize(4);
		assertThat(api.get("/api/v1/crm/hubspot/imports").body().path("runs")).hasSize(1);
	}

	@Test
	void anAddressChangedInHubSpotUpdatesTheSameContact() throws Exception {
		Account account = fixtures.verifiedAccount("crm-changed");
		Api api = connect(account);
		HubSpotStubs.threePages(server);
		imported(api);
		UUID ada = contactId(account, "ada@analytical.example");

		server.resetAll();
		HubSpotStubs.onePage(server, "contact-email-changed.json");
		JsonNode run = imported(api);

		assertThat(run.path("created").asInt()).isZero();
		assertThat(run.path("updated").asInt()).isEqualTo(1);
		assertThat(contactId(account, "ada.king@analytical.example")).isEqualTo(ada);
		assertThat(contactEmails(account)).hasSize(4).doesNotContain("ada@analytical.example");
		JsonNode log = api.get("/api/v1/crm/hubspot/imports/" + run.path("id").asText()).body();
		assertThat(entries(log, "updated").get(0).path("reason").asText())
			.contains("email changed from ada@analytical.example")
			.contains("lastName");
		assertThat(hubspot.recordOf(account.owner(), ada)).contains("101");

		// The same page again changes nothing.
		JsonNode again = imported(api);
		assertThat(again.path("unchanged").asInt()).isEqualTo(1);
		assertThat(again.path("updated").asInt()).isZero();
	}

	@Test
	void aRateLimitAnswerIsWaitedOutThenTheImportGoesOn() throws Exception {
		Account account = fixtures.verifiedAccount("crm-429");
		Api api = connect(account);
		HubSpotStubs.rateLimitedThenOk(server, "contact-email-changed.json");

		JsonNode run = imported(api);

		assertThat(run.path("status").asText()).isEqualTo("done");
		assertThat(run.path("created").asInt()).isEqualTo(1);
		server.verify(2, getRequestedFor(urlPathEqualTo(HubSpotStubs.CONTACTS)).withQueryParam("limit",
				com.github.tomakehurst.wiremock.client.WireMock.equalTo("2")));
	}

	@Test
	void aSpentRateLimitWindowIsWaitedOut() throws Exception {
		Account account = fixtures.verifiedAccount("crm-window");
		Api api = connect(account);
		HubSpotStubs.windowSpent(server, "contact-email-changed.json");

		long started = System.nanoTime();
		JsonNode run = imported(api);
		long millis = (System.nanoTime() - started) / 1_000_000;

		assertThat(run.path("created").asInt()).isEqualTo(1);
		// X-HubSpot-RateLimit-Interval-Milliseconds is 10000, cut to max-wait (300 ms in
		// tests).
		assertThat(millis).isGreaterThanOrEqualTo(300);
	}

	@Test
	void oneImportAtATimePerWorkspace() throws Exception {
		Account account = fixtures.verifiedAccount("crm-lease");
		Api api = connect(account);
		fixtures.jdbc()
			.sql("UPDATE crm_connections SET importing_until = now() + interval '1 hour' WHERE workspace_id = ?")
			.param(account.workspaceId())
			.update();

		Api.Response second = api.post("/api/v1/crm/hubspot/imports", "");

		assertThat(second.status()).isEqualTo(409);
		assertThat(second.body().path("type").asText()).endsWith("/crm-import-running");
	}

	@Test
	void aServerErrorIsRetried() throws Exception {
		Account account = fixtures.verifiedAccount("crm-503");
		Api api = connect(account);
		HubSpotStubs.unavailableThenOk(server, "contact-email-changed.json");

		JsonNode run = imported(api);

		assertThat(run.path("status").asText()).isEqualTo("done");
		assertThat(run.path("created").asInt()).isEqualTo(1);
	}

	@Test
	void aRefusedTokenMarksTheConnectionConnectAgainWithTheReason() throws Exception {
		Account account = fixtures.verifiedAccount("crm-401");
		Api api = connect(account);
		HubSpotStubs.tokenRefused(server);

		JsonNode run = imported(api);

		assertThat(run.path("status").asText()).isEqualTo("failed");
		assertThat(run.path("message").asText()).contains("401").contains("expired 2 day(s) ago");
		JsonNode connection = api.get("/api/v1/crm/hubspot").body().path("connection");
		assertThat(connection.path("status").asText()).isEqualTo("expired");
		assertThat(connection.path("statusLabel").asText()).isEqualTo("Connect again");
		assertThat(connection.path("message").asText()).contains("Connect again");
		Api.Response blocked = api.post("/api/v1/crm/hubspot/imports", "");
		assertThat(blocked.status()).isEqualTo(409);
		assertThat(blocked.body().path("type").asText()).endsWith("/crm-expired");
		JsonNode test = api.post("/api/v1/crm/hubspot/test", "").body();
		assertThat(test.path("ok").asBoolean()).isFalse();
		assertThat(test.path("message").asText()).contains("expired or was revoked");

		// A new token connects again.
		server.resetAll();
		connect(account);
		assertThat(api.get("/api/v1/crm/hubspot").body().path("connection").path("status").asText())
			.isEqualTo("connected");
	}

	@Test
	void oneHubSpotListIsImportedThroughItsMemberships() throws Exception {
		Account account = fixtures.verifiedAccount("crm-list");
		Api api = connect(account);
		assertThat(api.put("/api/v1/crm/hubspot/settings", "{\"targetList\":\"Webinar\",\"sourceListId\":\"42\"}")
			.status()).isEqualTo(200);
		HubSpotStubs.list42(server);

		JsonNode run = imported(api);

		assertThat(run.path("source").asText()).isEqualTo("list 42");
		assertThat(run.path("created").asInt()).isEqualTo(2);
		assertThat(contactEmails(account)).containsExactlyInAnyOrder("katherine@nasa.example",
				"margaret@apollo.example");
	}

	@Test
	void scopesAndRolesAreChecked() throws Exception {
		Account owner = fixtures.verifiedAccount("crm-scopes");
		assertThat(fixtures.api(owner, "contacts:read").get("/api/v1/crm/hubspot").status()).isEqualTo(403);
		assertThat(fixtures.api(owner, "crm:read")
			.put("/api/v1/crm/hubspot", "{\"token\":\"" + HubSpotStubs.TOKEN + "\"}")
			.status()).isEqualTo(403);
		Account other = fixtures.verifiedAccount("crm-scopes-other");
		connect(other);
		HubSpotStubs.threePages(server);
		String runId = imported(fixtures.api(other, "crm:read", "crm:write")).path("id").asText();
		// Another workspace's run is not found.
		assertThat(fixtures.api(owner, "crm:read").get("/api/v1/crm/hubspot/imports/" + runId).status()).isEqualTo(404);
	}

	@Test
	void aDueScheduledImportRuns() throws Exception {
		Account account = fixtures.verifiedAccount("crm-schedule");
		Api api = connect(account);
		api.put("/api/v1/crm/hubspot/settings", "{\"targetList\":\"Nightly\",\"schedule\":\"daily\"}");
		assertThat(api.get("/api/v1/crm/hubspot").body().path("connection").path("schedule").asText())
			.isEqualTo("daily");
		fixtures.jdbc()
			.sql("UPDATE crm_connections SET next_import_at = now() - interval '1 minute' WHERE workspace_id = ?")
			.param(account.workspaceId())
			.update();
		HubSpotStubs.onePage(server, "contact-email-changed.json");

		assertThat(hubspot.importDue()).isGreaterThanOrEqualTo(1);

		assertThat(contactEmails(account)).containsExactly("ada.king@analytical.example");
		JsonNode connection = api.get("/api/v1/crm/hubspot").body().path("connection");
		assertThat(connection.path("nextImportAt").asText()).isNotEmpty();
	}

	private Api connect(Account account) throws Exception {
		HubSpotStubs.tokenAccepted(server);
		Api api = fixtures.api(account, "crm:read", "crm:write");
		assertThat(api.put("/api/v1/crm/hubspot", "{\"token\":\"" + HubSpotStubs.TOKEN + "\"}").status())
			.isEqualTo(200);
		return api;
	}

	/** Starts an import (202, running) and answers the run once it has finished. */
	private static JsonNode imported(Api api) throws Exception {
		Api.Response started = api.post("/api/v1/crm/hubspot/imports", "");
		assertThat(started.status()).isEqualTo(202);
		assertThat(started.body().path("status").asText()).isEqualTo("running");
		String id = started.body().path("id").asText();
		JsonNode[] run = new JsonNode[1];
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(20))
			.pollInterval(java.time.Duration.ofMillis(50))
			.until(() -> {
				run[0] = api.get("/api/v1/crm/hubspot/imports/" + id).body().path("run");
				return !run[0].path("status").asText().equals("running");
			});
		return run[0];
	}

	private List<String> contactEmails(Account account) {
		return fixtures.jdbc()
			.sql("SELECT email FROM contacts WHERE workspace_id = ?")
			.param(account.workspaceId())
			.query(String.class)
			.list();
	}

	private UUID contactId(Account account, String email) {
		return fixtures.jdbc()
			.sql("SELECT id FROM contacts WHERE workspace_id = ? AND email = ?")
			.params(account.workspaceId(), email)
			.query(UUID.class)
			.single();
	}

	private static List<JsonNode> entries(JsonNode log, String outcome) {
		List<JsonNode> found = new java.util.ArrayList<>();
		log.path("entries").forEach(e -> {
			if (e.path("outcome").asText().equals(outcome)) {
				found.add(e);
			}
		});
		return found;
	}

}
