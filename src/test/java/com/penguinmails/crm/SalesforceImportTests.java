package com.penguinmails.crm;

import java.time.Duration;
import java.util.ArrayList;
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

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Importing Salesforce Contacts and Leads through {@code /api/v1/crm/salesforce} against
 * WireMock speaking Salesforce's documented shapes: the query's pages followed through
 * {@code nextRecordsUrl}, a record without email skipped, an address changed in
 * Salesforce updating the same contact, an expired session refreshed and retried, a
 * refused refresh marking the connection "Connect again", REQUEST_LIMIT_EXCEEDED waited
 * out, the SOQL condition checked, and another workspace unaffected.
 */
@IntegrationTest
class SalesforceImportTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	SalesforceSync salesforce;

	WireMockServer server;

	@BeforeEach
	void stubs() {
		server = SalesforceStubs.reset();
	}

	@Test
	void importsEveryPageMapsTheFieldsAndSkipsARecordWithoutEmail() throws Exception {
		Account account = fixtures.verifiedAccount("sf-pages");
		Api api = connect(account);
		assertThat(api.put("/api/v1/crm/salesforce/settings", """
				{"object":"Contact","targetList":"From Salesforce","fieldMap":{"Industry_Segment__c":""},
				 "schedule":"off"}""").status()).isEqualTo(200);
		SalesforceStubs.threePages(server, SalesforceStubs.ACCESS);

		JsonNode run = imported(api);

		assertThat(run.path("status").asText()).isEqualTo("done");
		assertThat(run.path("source").asText()).isEqualTo("Contacts");
		assertThat(run.path("pages").asInt()).isEqualTo(3);
		assertThat(run.path("created").asInt()).isEqualTo(4);
		assertThat(run.path("skipped").asInt()).isEqualTo(2);
		assertThat(contactEmails(account)).containsExactlyInAnyOrder("ada@analytical.example", "grace@navy.example",
				"katherine@nasa.example", "margaret@apollo.example");
		assertThat(fixtures.jdbc()
			.sql("""
					SELECT count(*) FROM contact_list_members m JOIN contact_lists l ON l.id = m.list_id
					WHERE l.workspace_id = ? AND l.name = 'From Salesforce'""")
			.param(account.workspaceId())
			.query(Long.class)
			.single()).isEqualTo(4);
		JsonNode ada = fixtures.api(account, "contacts:read")
			.get("/api/v1/contacts/" + contactId(account, "ada@analytical.example"))
			.body();
		assertThat(ada.path("company").asText()).isEqualTo("Analytical Engines");
		assertThat(ada.path("website").asText()).isEqualTo("https://analytical.example");
		assertThat(ada.path("title").asText()).isEqualTo("Head of Research");
		assertThat(ada.path("country").asText()).isEqualTo("United Kingdom");
		assertThat(ada.path("custom").path("industry_segment").asText()).isEqualTo("Computing");
		String soql = server.findAll(queries()).get(0).queryParameter("q").firstValue();
		assertThat(soql)
			.isEqualTo("SELECT Id, LastModifiedDate, Account.Name, Account.Website, Email, FirstName, LastName, "
					+ "MailingCountry, Phone, Title, Industry_Segment__c FROM Contact");

		JsonNode log = api.get("/api/v1/crm/salesforce/imports/" + run.path("id").asText()).body();
		List<JsonNode> skipped = entries(log, "skipped");
		assertThat(skipped).extracting(e -> e.path("recordId").asText())
			.containsExactlyInAnyOrder("003RO00000Noe04YAA", "003RO00000Bad05YAA");
		assertThat(skipped).extracting(e -> e.path("reason").asText())
			.anySatisfy(reason -> assertThat(reason).contains("no email address"))
			.anySatisfy(reason -> assertThat(reason).contains("Not a valid email address"));
		assertThat(api.get("/api/v1/crm/salesforce/imports").body().path("runs")).hasSize(1);
	}

	@Test
	void anAddressChangedInSalesforceUpdatesTheSameContact() throws Exception {
		Account account = fixtures.verifiedAccount("sf-changed");
		Api api = connect(account);
		SalesforceStubs.threePages(server, SalesforceStubs.ACCESS);
		imported(api);
		UUID ada = contactId(account, "ada@analytical.example");

		server.resetAll();
		SalesforceStubs.onePage(server, SalesforceStubs.ACCESS, "contact-email-changed.json");
		JsonNode run = imported(api);

		assertThat(run.path("created").asInt()).isZero();
		assertThat(run.path("updated").asInt()).isEqualTo(1);
		assertThat(contactId(account, "ada.king@analytical.example")).isEqualTo(ada);
		assertThat(contactEmails(account)).hasSize(4).doesNotContain("ada@analytical.example");
		JsonNode log = api.get("/api/v1/crm/salesforce/imports/" + run.path("id").asText()).body();
		assertThat(entries(log, "updated").get(0).path("reason").asText())
			.contains("email changed from ada@analytical.example")
			.contains("lastName");
		assertThat(salesforce.recordOf(account.owner(), ada)).contains("003RO00000Ada01YAA");
	}

	@Test
	void aLargeImportRunsABulkQueryJobAndReadsEveryResultsPage() throws Exception {
		Account account = fixtures.verifiedAccount("sf-bulk");
		Api api = connect(account);
		SalesforceStubs.bulkJob(server, SalesforceStubs.ACCESS);

		JsonNode run = imported(api);

		assertThat(run.path("status").asText()).isEqualTo("done");
		assertThat(run.path("pages").asInt()).isEqualTo(2);
		assertThat(run.path("created").asInt()).isEqualTo(2);
		assertThat(run.path("skipped").asInt()).isEqualTo(1);
		assertThat(contactEmails(account)).containsExactlyInAnyOrder("alan@bletchley.example",
				"joan@bletchley.example");
		JsonNode joan = fixtures.api(account, "contacts:read")
			.get("/api/v1/contacts/" + contactId(account, "joan@bletchley.example"))
			.body();
		assertThat(joan.path("company").asText()).isEqualTo("Bletchley Park, Hut 8");
		assertThat(joan.path("phone").asText()).isEqualTo("+44 1908 640404");
		server.verify(postRequestedFor(urlPathEqualTo("/services/data/v60.0/jobs/query"))
			.withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.query", equalTo(
					"SELECT Id, LastModifiedDate, Account.Name, Account.Website, Email, FirstName, LastName, MailingCountry, "
							+ "Phone, Title FROM Contact"))));
		server.verify(2, getRequestedFor(urlPathEqualTo("/services/data/v60.0/jobs/query/750RO00000Bulk1YAA")));
		assertThat(server.findAll(queries())).isEmpty();
	}

	@Test
	void anExpiredSessionIsRefreshedOnceAndTheCallRetried() throws Exception {
		Account account = fixtures.verifiedAccount("sf-refresh");
		Api api = connect(account);
		SalesforceStubs.sessionExpired(server, SalesforceStubs.ACCESS);
		SalesforceStubs.refreshAnswers(server);
		SalesforceStubs.onePage(server, SalesforceStubs.REFRESHED, "contact-email-changed.json");

		JsonNode run = imported(api);

		assertThat(run.path("status").asText()).isEqualTo("done");
		assertThat(run.path("created").asInt()).isEqualTo(1);
		server.verify(1, postRequestedFor(urlPathEqualTo(SalesforceStubs.TOKEN_PATH))
			.withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("grant_type=refresh_token")));
		// The new access token was stored: the next import uses it without refreshing.
		assertThat(imported(api).path("status").asText()).isEqualTo("done");
		server.verify(1, postRequestedFor(urlPathEqualTo(SalesforceStubs.TOKEN_PATH))
			.withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("grant_type=refresh_token")));
		server.verify(2, queries().withHeader("Authorization", equalTo("Bearer " + SalesforceStubs.REFRESHED)));
	}

	@Test
	void aRefusedRefreshMarksTheConnectionConnectAgain() throws Exception {
		Account account = fixtures.verifiedAccount("sf-invalid-grant");
		Api api = connect(account);
		SalesforceStubs.sessionExpired(server, SalesforceStubs.ACCESS);
		SalesforceStubs.refreshRefused(server);

		JsonNode run = imported(api);

		assertThat(run.path("status").asText()).isEqualTo("failed");
		assertThat(run.path("message").asText()).contains("invalid_grant").contains("Connect again");
		JsonNode connection = api.get("/api/v1/crm/salesforce").body().path("connection");
		assertThat(connection.path("status").asText()).isEqualTo("expired");
		assertThat(connection.path("statusLabel").asText()).isEqualTo("Connect again");
		Api.Response blocked = api.post("/api/v1/crm/salesforce/imports", "");
		assertThat(blocked.status()).isEqualTo(409);
		assertThat(blocked.body().path("type").asText()).endsWith("/crm-expired");

		// Connecting again through the callback makes it usable.
		SalesforceConnectTests.connect(fixtures, server, account);
		assertThat(api.get("/api/v1/crm/salesforce").body().path("connection").path("status").asText())
			.isEqualTo("connected");
	}

	@Test
	void aSpentRequestLimitIsWaitedOutThenTheImportGoesOn() throws Exception {
		Account account = fixtures.verifiedAccount("sf-limit");
		Api api = connect(account);
		SalesforceStubs.limitExceededThenOk(server, SalesforceStubs.ACCESS, "contact-email-changed.json");

		JsonNode run = imported(api);

		assertThat(run.path("status").asText()).isEqualTo("done");
		assertThat(run.path("created").asInt()).isEqualTo(1);
		// The count, then the query refused once and answered.
		server.verify(3, getRequestedFor(urlPathEqualTo(SalesforceStubs.QUERY)));
	}

	@Test
	void leadsMatchingAConditionAreImportedWithTheConditionInTheQuery() throws Exception {
		Account account = fixtures.verifiedAccount("sf-leads");
		Api api = connect(account);
		Api.Response saved = api.put("/api/v1/crm/salesforce/settings", """
				{"object":"lead","condition":"WHERE LeadSource = 'Web' AND CreatedDate = LAST_N_DAYS:30",
				 "targetList":"Web leads"}""");
		assertThat(saved.status()).isEqualTo(200);
		assertThat(saved.body().path("object").asText()).isEqualTo("Lead");
		assertThat(saved.body().path("condition").asText())
			.isEqualTo("LeadSource = 'Web' AND CreatedDate = LAST_N_DAYS:30");
		SalesforceStubs.onePage(server, SalesforceStubs.ACCESS, "leads.json");

		JsonNode run = imported(api);

		assertThat(run.path("created").asInt()).isEqualTo(1);
		assertThat(run.path("source").asText()).startsWith("Leads where LeadSource = 'Web'");
		assertThat(server.findAll(queries()).get(0).queryParameter("q").firstValue()).isEqualTo(
				"SELECT Id, LastModifiedDate, Company, Country, Email, FirstName, LastName, Phone, Title, Website "
						+ "FROM Lead WHERE LeadSource = 'Web' AND CreatedDate = LAST_N_DAYS:30");
		JsonNode hedy = fixtures.api(account, "contacts:read")
			.get("/api/v1/contacts/" + contactId(account, "hedy@frequency.example"))
			.body();
		assertThat(hedy.path("company").asText()).isEqualTo("Frequency Hopping Ltd");
		assertThat(hedy.path("country").asText()).isEqualTo("Austria");
	}

	@Test
	void aConditionBeyondWhatIsAllowedIsAProblem() throws Exception {
		Account account = fixtures.verifiedAccount("sf-filter");
		Api api = connect(account);
		for (String condition : List.of("Email != null; DELETE", "Id IN (SELECT Id FROM Account)", "Password__x = 'a'",
				"Email = 'a' LIMIT 5", "(Email = 'a'", "Email = 'a' -- comment")) {
			Api.Response refused = api.put("/api/v1/crm/salesforce/settings",
					"{\"object\":\"Contact\",\"targetList\":\"L\",\"condition\":\"" + condition + "\"}");
			assertThat(refused.status()).as(condition).isEqualTo(400);
			assertThat(refused.body().path("type").asText()).as(condition).endsWith("/crm-filter");
		}
		assertThat(api.put("/api/v1/crm/salesforce/settings", "{\"object\":\"Account\",\"targetList\":\"L\"}").status())
			.isEqualTo(400);
		assertThat(api
			.put("/api/v1/crm/salesforce/settings", "{\"targetList\":\"L\",\"fieldMap\":{\"Industry\":\"industry\"}}")
			.status()).isEqualTo(400);
		assertThat(api.put("/api/v1/crm/salesforce/settings",
				"{\"targetList\":\"L\",\"condition\":\"Account.Industry = 'Banking' OR Region__c IN ('EU', 'UK')\"}")
			.status()).isEqualTo(200);
	}

	@Test
	void anotherWorkspaceIsUnaffected() throws Exception {
		Account account = fixtures.verifiedAccount("sf-tenant");
		Account other = fixtures.verifiedAccount("sf-tenant-other");
		Api api = connect(account);
		SalesforceStubs.threePages(server, SalesforceStubs.ACCESS);
		String runId = imported(api).path("id").asText();

		Api otherApi = fixtures.api(other, "crm:read", "crm:write");
		assertThat(contactEmails(other)).isEmpty();
		assertThat(otherApi.get("/api/v1/crm/salesforce").body().has("connection")).isFalse();
		assertThat(otherApi.get("/api/v1/crm/salesforce/imports/" + runId).status()).isEqualTo(404);
		assertThat(otherApi.get("/api/v1/crm/salesforce/imports").body().path("runs")).isEmpty();
		assertThat(otherApi.post("/api/v1/crm/salesforce/imports", "").status()).isEqualTo(404);
		assertThat(fixtures.api(account, "contacts:read").get("/api/v1/crm/salesforce").status()).isEqualTo(403);
	}

	@Test
	void aDueScheduledImportRuns() throws Exception {
		Account account = fixtures.verifiedAccount("sf-schedule");
		Api api = connect(account);
		api.put("/api/v1/crm/salesforce/settings", "{\"targetList\":\"Nightly\",\"schedule\":\"daily\"}");
		fixtures.jdbc()
			.sql("UPDATE crm_connections SET next_import_at = now() - interval '1 minute' WHERE workspace_id = ? "
					+ "AND crm = 'salesforce'")
			.param(account.workspaceId())
			.update();
		SalesforceStubs.onePage(server, SalesforceStubs.ACCESS, "contact-email-changed.json");

		assertThat(salesforce.importDue()).isGreaterThanOrEqualTo(1);

		assertThat(contactEmails(account)).containsExactly("ada.king@analytical.example");
		assertThat(api.get("/api/v1/crm/salesforce").body().path("connection").path("nextImportAt").asText())
			.isNotEmpty();
	}

	/** The queries sent but the counts. */
	private static com.github.tomakehurst.wiremock.matching.RequestPatternBuilder queries() {
		return getRequestedFor(urlPathEqualTo(SalesforceStubs.QUERY)).withQueryParam("q",
				com.github.tomakehurst.wiremock.client.WireMock.notMatching(SalesforceStubs.COUNT));
	}

	private Api connect(Account account) throws Exception {
		SalesforceConnectTests.connect(fixtures, server, account);
		return fixtures.api(account, "crm:read", "crm:write");
	}

	/** Starts an import (202, running) and answers the run once it has finished. */
	private static JsonNode imported(Api api) throws Exception {
		Api.Response started = api.post("/api/v1/crm/salesforce/imports", "");
		assertThat(started.status()).isEqualTo(202);
		String id = started.body().path("id").asText();
		JsonNode[] run = new JsonNode[1];
		Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
			run[0] = api.get("/api/v1/crm/salesforce/imports/" + id).body().path("run");
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
		List<JsonNode> found = new ArrayList<>();
		log.path("entries").forEach(e -> {
			if (e.path("outcome").asText().equals(outcome)) {
				found.add(e);
			}
		});
		return found;
	}

}
