package com.penguinmails.crm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import com.penguinmails.contacts.Contacts;
import com.penguinmails.contacts.Segments;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.OpenApiContract;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Send this list to Salesforce" through {@code POST /api/v1/crm/salesforce/exports}
 * against WireMock speaking the Composite API's sObject Collections: the unlinked
 * contacts created as Leads ({@code [not provided]} for a blank LastName and Company),
 * the linked one left alone, the new id linked, a refused record logged with Salesforce's
 * words; bad input refused.
 */
@IntegrationTest
class SalesforceExportTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Contacts contacts;

	@Autowired
	Segments segments;

	@Autowired
	ObjectMapper json;

	@Autowired
	MockMvc mvc;

	WireMockServer server;

	private OpenApiContract contract;

	@AfterEach
	void everyExchangeMatchesTheOpenApiDocument() {
		if (contract != null) {
			assertThat(contract.violations()).isEmpty();
		}
	}

	@BeforeEach
	void stubs() {
		server = SalesforceStubs.reset();
	}

	@Test
	void createsTheUnlinkedAsLeadsLinksTheNewIdAndLogsTheRefusedRecord() throws Exception {
		Account account = fixtures.verifiedAccount("sf-export");
		Api api = api(account);
		SalesforceConnectTests.connect(fixtures, server, account);
		SalesforceStubs.onePage(server, SalesforceStubs.ACCESS, "contact-email-changed.json");
		imported(api, api.post("/api/v1/crm/salesforce/imports", ""));
		server.resetAll();
		UUID ada = contacts.idByEmail(account.workspaceId(), "ada.king@analytical.example").orElseThrow();
		UUID grace = contact(account, "grace@export.example", "Grace", null, null);
		UUID frank = contact(account, "frank@export.example", "Frank", "Herbert", "Dune Press");
		UUID list = segments.createList(account.owner(), "Webinar").id();
		segments.addToList(account.owner(), list, List.of(ada, grace, frank));
		SalesforceWriteStubs.created(server, SalesforceStubs.ACCESS, "composite-export-partly.json");

		JsonNode run = imported(api,
				api.post("/api/v1/crm/salesforce/exports", "{\"listId\":\"" + list + "\",\"object\":\"Lead\"}"));

		assertThat(run.path("status").asText()).isEqualTo("done");
		assertThat(run.path("source").asText()).isEqualTo("export of Webinar as Leads");
		assertThat(run.path("created").asInt()).isEqualTo(1);
		assertThat(run.path("unchanged").asInt()).isEqualTo(1);
		assertThat(run.path("skipped").asInt()).isEqualTo(1);
		JsonNode sent = json.readTree(server.findAll(postRequestedFor(urlPathEqualTo(SalesforceWriteStubs.COMPOSITE)))
			.get(0)
			.getBodyAsString());
		assertThat(sent.path("allOrNone").asBoolean(true)).isFalse();
		JsonNode records = sent.path("records");
		assertThat(records).hasSize(2);
		assertThat(records).extracting(r -> r.at("/attributes/type").asText()).containsOnly("Lead");
		JsonNode graceRecord = records.get(0).path("Email").asText().equals("grace@export.example") ? records.get(0)
				: records.get(1);
		assertThat(graceRecord.path("FirstName").asText()).isEqualTo("Grace");
		assertThat(graceRecord.path("LastName").asText()).isEqualTo("[not provided]");
		assertThat(graceRecord.path("Company").asText()).isEqualTo("[not provided]");
		// The first record was created, the second refused.
		String createdEmail = records.get(0).path("Email").asText();
		String refusedEmail = records.get(1).path("Email").asText();
		assertThat(linkOf(account, createdEmail)).containsExactly("00QRO00000Exp01YAA");
		assertThat(linkOf(account, refusedEmail)).isEmpty();
		assertThat(linkOf(account, "ada.king@analytical.example")).containsExactly("003RO00000Ada01YAA");
		JsonNode log = api.get("/api/v1/crm/salesforce/imports/" + run.path("id").asText()).body();
		List<JsonNode> skipped = entries(log, "skipped");
		assertThat(skipped).hasSize(1);
		assertThat(skipped.get(0).path("email").asText()).isEqualTo(refusedEmail);
		assertThat(skipped.get(0).path("reason").asText())
			.contains("INVALID_EMAIL_ADDRESS: Email: invalid email address");
		assertThat(entries(log, "created").get(0).path("recordId").asText()).isEqualTo("00QRO00000Exp01YAA");
	}

	@Test
	void refusesAnotherObjectOrNoListAndAnotherWorkspacesList() throws Exception {
		Account account = fixtures.verifiedAccount("sf-export-bad");
		Api api = api(account);
		SalesforceConnectTests.connect(fixtures, server, account);
		UUID list = segments.createList(account.owner(), "Mine").id();
		Account other = fixtures.verifiedAccount("sf-export-other");
		UUID theirs = segments.createList(other.owner(), "Theirs").id();

		Api.Response noList = api.post("/api/v1/crm/salesforce/exports", "{\"object\":\"Lead\"}");
		assertThat(noList.status()).isEqualTo(400);
		assertThat(noList.body().path("type").asText()).endsWith("/crm-export");
		assertThat(api.post("/api/v1/crm/salesforce/exports", "{\"listId\":\"" + list + "\",\"object\":\"Account\"}")
			.status()).isEqualTo(400);
		assertThat(api.post("/api/v1/crm/salesforce/exports", "{\"listId\":\"" + theirs + "\",\"object\":\"Lead\"}")
			.status()).isEqualTo(404);
		assertThat(fixtures.api(account, "crm:read")
			.post("/api/v1/crm/salesforce/exports", "{\"listId\":\"" + list + "\",\"object\":\"Lead\"}")
			.status()).isEqualTo(403);
		assertThat(server.findAll(postRequestedFor(urlPathEqualTo(SalesforceWriteStubs.COMPOSITE)))).isEmpty();
	}

	private Api api(Account account) throws Exception {
		if (contract == null) {
			contract = OpenApiContract.served(mvc);
		}
		return fixtures.api(account, "crm:read", "crm:write").checkedBy(contract);
	}

	private UUID contact(Account account, String email, String first, String last, String company) {
		return contacts
			.create(account.owner(),
					new Contacts.NewContact(email, first, last, company, null, null, null, null, null, null, null,
							List.of()))
			.id();
	}

	/** The run started (202) once it has finished. */
	private static JsonNode imported(Api api, Api.Response started) throws Exception {
		assertThat(started.status()).isEqualTo(202);
		String id = started.body().path("id").asText();
		JsonNode[] run = new JsonNode[1];
		Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
			run[0] = api.get("/api/v1/crm/salesforce/imports/" + id).body().path("run");
			return !run[0].path("status").asText().equals("running");
		});
		return run[0];
	}

	private List<String> linkOf(Account account, String email) {
		return fixtures.jdbc()
			.sql("""
					SELECT l.record_id FROM crm_links l JOIN contacts c ON c.id = l.contact_id
					WHERE l.workspace_id = ? AND l.crm = 'salesforce' AND c.email = ?""")
			.params(account.workspaceId(), email)
			.query(String.class)
			.list();
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
