package com.penguinmails.crm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import com.penguinmails.contacts.Contacts;
import com.penguinmails.contacts.Segments;
import com.penguinmails.inbound.ReplyReceived;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Send this list to HubSpot" through {@code POST /api/v1/crm/hubspot/exports} against
 * WireMock speaking HubSpot's batch upsert: a 207 partial answer links the records
 * HubSpot wrote and logs the refused address with HubSpot's words, batches hold at most
 * 100 contacts, a 401 ends the run, and a list of another workspace is not found.
 */
@IntegrationTest
class HubSpotExportTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Contacts contacts;

	@Autowired
	Segments segments;

	@Autowired
	HubSpotPush push;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	ObjectMapper json;

	@Autowired
	org.springframework.test.web.servlet.MockMvc mvc;

	WireMockServer server;

	private com.penguinmails.support.OpenApiContract contract;

	@org.junit.jupiter.api.AfterEach
	void everyExchangeMatchesTheOpenApiDocument() {
		if (contract != null) {
			assertThat(contract.violations()).isEmpty();
		}
	}

	@BeforeEach
	void stubs() {
		server = HubSpotStubs.reset();
	}

	@Test
	void aPartialAnswerLinksWhatHubSpotWroteAndLogsTheRefusedAddress() throws Exception {
		Account account = fixtures.verifiedAccount("export-207");
		Api api = connect(account);
		UUID list = list(account, "Webinar", "ada@export.example", "grace@export.example", "frank@export.example");
		HubSpotStubs.upsertPartly(server);

		JsonNode run = exported(api, list);

		assertThat(run.path("status").asText()).isEqualTo("done");
		assertThat(run.path("source").asText()).isEqualTo("export of Webinar");
		assertThat(run.path("created").asInt()).isEqualTo(1);
		assertThat(run.path("updated").asInt()).isEqualTo(1);
		assertThat(run.path("skipped").asInt()).isEqualTo(1);
		server.verify(postRequestedFor(urlPathEqualTo(HubSpotStubs.BATCH_UPSERT)).withRequestBody(equalToJson("""
				{"inputs": [{"id": "ada@export.example", "idProperty": "email",
				             "properties": {"email": "ada@export.example", "firstname": "Ada"}}]}""", true, true)));
		JsonNode upsert = json.readTree(
				server.findAll(postRequestedFor(urlPathEqualTo(HubSpotStubs.BATCH_UPSERT))).get(0).getBodyAsString());
		assertThat(upsert.path("inputs")).hasSize(3);
		assertThat(linkOf(account, "ada@export.example")).isEqualTo("201");
		assertThat(linkOf(account, "grace@export.example")).isEqualTo("202");
		assertThat(links(account)).isEqualTo(2);
		JsonNode log = api.get("/api/v1/crm/hubspot/imports/" + run.path("id").asText()).body();
		JsonNode skipped = entry(log, "skipped");
		assertThat(skipped.path("email").asText()).isEqualTo("frank@export.example");
		assertThat(skipped.path("reason").asText()).contains("\"call me maybe\" is not a valid phone number");
		assertThat(entry(log, "created").path("recordId").asText()).isEqualTo("201");

		// Linked now: a reply of Ada goes to record 201.
		api.put("/api/v1/crm/hubspot/push", "{\"kinds\":[\"reply\"]}");
		HubSpotStubs.notesCreated(server);
		UUID ada = contacts.idByEmail(account.workspaceId(), "ada@export.example").orElseThrow();
		transactions.executeWithoutResult(
				status -> events.publishEvent(new ReplyReceived(account.workspaceId(), UUID.randomUUID(), null, null, 1,
						0, null, ada, "ada@export.example", false, UUID.randomUUID(), Instant.now())));
		fixtures.awaitEvents("PushEvents");
		push.pushDue();
		server.verify(postRequestedFor(urlPathEqualTo(HubSpotStubs.NOTES)).withRequestBody(equalToJson("""
				{"associations": [{"to": {"id": "201"}}]}""", true, true)));
	}

	@Test
	void contactsGoInBatchesOfAtMostOneHundred() throws Exception {
		Account account = fixtures.verifiedAccount("export-batches");
		Api api = connect(account);
		String[] emails = new String[150];
		for (int i = 0; i < emails.length; i++) {
			emails[i] = "lead" + i + "@batch.example";
		}
		UUID list = list(account, "Big", emails);
		HubSpotStubs.upsertAnswersNothing(server);

		JsonNode run = exported(api, list);

		assertThat(run.path("status").asText()).isEqualTo("done");
		assertThat(run.path("pages").asInt()).isEqualTo(2);
		List<LoggedRequest> calls = server.findAll(postRequestedFor(urlPathEqualTo(HubSpotStubs.BATCH_UPSERT)));
		List<Integer> sizes = new ArrayList<>();
		for (LoggedRequest call : calls) {
			sizes.add(json.readTree(call.getBodyAsString()).path("inputs").size());
		}
		assertThat(sizes).containsExactlyInAnyOrder(100, 50);
		// HubSpot answered none of them: each is logged, none linked.
		assertThat(run.path("skipped").asInt()).isEqualTo(150);
		assertThat(links(account)).isZero();
	}

	@Test
	void aRefusedTokenEndsTheRunAndAsksToConnectAgain() throws Exception {
		Account account = fixtures.verifiedAccount("export-401");
		Api api = connect(account);
		UUID list = list(account, "Cold", "ada@export.example");
		HubSpotStubs.upsertRefused(server);

		JsonNode run = exported(api, list);

		assertThat(run.path("status").asText()).isEqualTo("failed");
		assertThat(run.path("message").asText()).contains("expired 2 day(s) ago");
		assertThat(api.get("/api/v1/crm/hubspot").body().at("/connection/status").asText()).isEqualTo("expired");
		Api.Response again = api.post("/api/v1/crm/hubspot/exports", "{\"listId\":\"" + list + "\"}");
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.body().path("type").asText()).endsWith("/crm-expired");
	}

	@Test
	void aListOfAnotherWorkspaceIsNotFoundAndAListIdIsRequired() throws Exception {
		Account account = fixtures.verifiedAccount("export-404");
		Api api = connect(account);
		Account other = fixtures.verifiedAccount("export-404-other");
		UUID theirs = list(other, "Theirs", "eve@other.example");

		assertThat(api.post("/api/v1/crm/hubspot/exports", "{\"listId\":\"" + theirs + "\"}").status()).isEqualTo(404);
		Api.Response none = api.post("/api/v1/crm/hubspot/exports", "{}");
		assertThat(none.status()).isEqualTo(400);
		assertThat(none.body().path("type").asText()).endsWith("/crm-export");
		assertThat(fixtures.api(account, "crm:read")
			.post("/api/v1/crm/hubspot/exports", "{\"listId\":\"" + theirs + "\"}")
			.status()).isEqualTo(403);
		assertThat(server.findAll(postRequestedFor(urlPathEqualTo(HubSpotStubs.BATCH_UPSERT)))).isEmpty();
	}

	private UUID list(Account account, String name, String... emails) {
		List<UUID> ids = new ArrayList<>();
		for (String email : emails) {
			String first = email.substring(0, 1).toUpperCase() + email.substring(1, email.indexOf('@'));
			ids.add(contacts
				.create(account.owner(),
						new Contacts.NewContact(email, first, null, null, null, null, null, null, null, null, null,
								List.of()))
				.id());
		}
		UUID list = segments.createList(account.owner(), name).id();
		segments.addToList(account.owner(), list, ids);
		return list;
	}

	private Api connect(Account account) throws Exception {
		HubSpotStubs.tokenAccepted(server);
		if (contract == null) {
			contract = com.penguinmails.support.OpenApiContract.served(mvc);
		}
		Api api = fixtures.api(account, "crm:read", "crm:write").checkedBy(contract);
		assertThat(api.put("/api/v1/crm/hubspot", "{\"token\":\"" + HubSpotStubs.TOKEN + "\"}").status())
			.isEqualTo(200);
		return api;
	}

	/** Starts the export (202, running) and answers the run once it has finished. */
	private static JsonNode exported(Api api, UUID list) throws Exception {
		Api.Response started = api.post("/api/v1/crm/hubspot/exports", "{\"listId\":\"" + list + "\"}");
		assertThat(started.status()).isEqualTo(202);
		String id = started.body().path("id").asText();
		JsonNode[] run = new JsonNode[1];
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(30))
			.pollInterval(java.time.Duration.ofMillis(50))
			.until(() -> {
				run[0] = api.get("/api/v1/crm/hubspot/imports/" + id).body().path("run");
				return !run[0].path("status").asText().equals("running");
			});
		return run[0];
	}

	private String linkOf(Account account, String email) {
		return fixtures.jdbc()
			.sql("""
					SELECT l.record_id FROM crm_links l JOIN contacts c ON c.id = l.contact_id
					WHERE l.workspace_id = ? AND c.email = ?""")
			.params(account.workspaceId(), email)
			.query(String.class)
			.single();
	}

	private long links(Account account) {
		return fixtures.jdbc()
			.sql("SELECT count(*) FROM crm_links WHERE workspace_id = ?")
			.param(account.workspaceId())
			.query(Long.class)
			.single();
	}

	private static JsonNode entry(JsonNode log, String outcome) {
		for (JsonNode e : log.path("entries")) {
			if (e.path("outcome").asText().equals(outcome)) {
				return e;
			}
		}
		throw new AssertionError("No " + outcome + " entry in " + log);
	}

}
