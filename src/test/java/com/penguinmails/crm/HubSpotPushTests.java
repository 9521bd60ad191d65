package com.penguinmails.crm;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import com.penguinmails.contacts.Contacts;
import com.penguinmails.inbound.Inbox;
import com.penguinmails.inbound.ReplyReceived;
import com.penguinmails.inbound.UnsubscribeReceived;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Push-back to HubSpot against WireMock speaking HubSpot's documented shapes: a reply of
 * a linked contact becomes a note associated with its record (type 202), a label a batch
 * update of the lead status, a 429 waited out, a 401 holding the queue, a 207 partial
 * batch, giving up after the attempts, and nothing pushed for a contact without a link or
 * for another workspace.
 */
@IntegrationTest
class HubSpotPushTests {

	private static final Instant AT = Instant.parse("2026-12-01T15:00:00Z");

	@Autowired
	Fixtures fixtures;

	@Autowired
	HubSpotPush push;

	@Autowired
	Contacts contacts;

	@Autowired
	Inbox inbox;

	@Autowired
	com.penguinmails.campaigns.Campaigns campaigns;

	@Autowired
	com.fasterxml.jackson.databind.ObjectMapper json;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

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
		// Left over from other tests' workspaces: sent (and stubbed) before each test.
		HubSpotStubs.notesCreated(server);
		HubSpotStubs.batchUpdated(server);
		push.pushDue();
		server.resetAll();
	}

	@Test
	void aReplyOfALinkedContactBecomesANoteAssociatedWithItsRecord() throws Exception {
		Account account = fixtures.verifiedAccount("push-reply");
		Api api = linked(account, "reply");
		UUID ada = contactId(account, "ada.king@analytical.example");
		HubSpotStubs.notesCreated(server);

		publish(reply(account, ada));
		publish(reply(account, ada)); // delivered again: one push
		assertThat(push.pushDue()).isEqualTo(1);

		List<LoggedRequest> notes = server.findAll(postRequestedFor(urlPathEqualTo(HubSpotStubs.NOTES)));
		assertThat(notes).hasSize(1);
		server.verify(postRequestedFor(urlPathEqualTo(HubSpotStubs.NOTES))
			.withHeader("Authorization", equalTo("Bearer " + HubSpotStubs.TOKEN))
			.withRequestBody(equalToJson("""
					{"properties": {"hs_timestamp": "2026-12-01T15:00:00Z", "hs_note_body": "${json-unit.any-string}"},
					 "associations": [{"to": {"id": "101"},
					   "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 202}]}]}""")));
		assertThat(notes.get(0).getBodyAsString()).contains("Replied to a PenguinMails email")
			.contains("ada.king@analytical.example");
		JsonNode pushes = api.get("/api/v1/crm/hubspot/pushes").body().path("pushes");
		assertThat(pushes).hasSize(1);
		assertThat(pushes.get(0).path("state").asText()).isEqualTo("sent");
		assertThat(pushes.get(0).path("kind").asText()).isEqualTo("reply");
		assertThat(pushes.get(0).path("email").asText()).isEqualTo("ada.king@analytical.example");
	}

	@Test
	void aReplysNoteCarriesItsSubjectOwnTextAndCampaign() throws Exception {
		Account account = fixtures.verifiedAccount("push-reply-text");
		linked(account, "reply");
		UUID ada = contactId(account, "ada.king@analytical.example");
		UUID campaign = campaigns
			.create(account.owner(), new com.penguinmails.campaigns.Campaigns.Draft("Spring engines",
					com.penguinmails.campaigns.Campaign.Schedule.defaults(), null, List.of(),
					List.of(new com.penguinmails.campaigns.Campaign.Step(0, false,
							List.of(new com.penguinmails.campaigns.Campaign.Variant("Engines", "<p>Hi</p>", null))))))
			.id();
		UUID message = UUID.randomUUID();
		Timestamp at = Timestamp.from(AT);
		fixtures.jdbc()
			.sql("""
					INSERT INTO inbound_messages (id, workspace_id, mailbox_id, from_address, subject, text_body,
					    received_at, kind, contact_id, thread_id, created_at)
					VALUES (?, ?, ?, 'ada.king@analytical.example', 'Re: Engines', ?, ?, 'reply', ?, ?, ?)""")
			.params(message, account.workspaceId(), UUID.randomUUID(), "Tuesday suits me.\n> Would engines help?", at,
					ada, UUID.randomUUID(), at)
			.update();
		HubSpotStubs.notesCreated(server);

		publish(new ReplyReceived(account.workspaceId(), UUID.randomUUID(), campaign, null, 1, 0, null, ada,
				"ada.king@analytical.example", false, message, AT));
		assertThat(push.pushDue()).isEqualTo(1);

		String body = json
			.readTree(server.findAll(postRequestedFor(urlPathEqualTo(HubSpotStubs.NOTES))).get(0).getBodyAsString())
			.at("/properties/hs_note_body")
			.asText();
		assertThat(body).contains("Reply: Re: Engines")
			.contains("Spring engines")
			.contains("Tuesday suits me.")
			.doesNotContain("Would engines help?");
	}

	@Test
	void aLabelSetAndClearedIsABatchUpdateOfTheLeadStatus() throws Exception {
		Account account = fixtures.verifiedAccount("push-label");
		linked(account, "label");
		UUID ada = contactId(account, "ada.king@analytical.example");
		UUID thread = thread(account, ada);
		HubSpotStubs.batchUpdated(server);

		inbox.label(account.owner(), thread, "interested");
		fixtures.awaitEvents("PushEvents");
		assertThat(push.pushDue()).isEqualTo(1);
		server.verify(postRequestedFor(urlPathEqualTo(HubSpotStubs.BATCH_UPDATE)).withRequestBody(equalToJson("""
				{"inputs": [{"id": "101", "properties": {"hs_lead_status": "IN_PROGRESS"}}]}""")));

		inbox.label(account.owner(), thread, null);
		fixtures.awaitEvents("PushEvents");
		assertThat(push.pushDue()).isEqualTo(1);
		server.verify(postRequestedFor(urlPathEqualTo(HubSpotStubs.BATCH_UPDATE)).withRequestBody(equalToJson("""
				{"inputs": [{"id": "101", "properties": {"hs_lead_status": ""}}]}""")));
		// Out of office has no value by default: not pushed.
		inbox.label(account.owner(), thread, "out_of_office");
		fixtures.awaitEvents("PushEvents");
		assertThat(push.pushDue()).isZero();
		assertThat(server.findAll(postRequestedFor(urlPathEqualTo(HubSpotStubs.NOTES)))).isEmpty();
	}

	@Test
	void aRateLimitAnswerIsWaitedOutAndThePushSent() throws Exception {
		Account account = fixtures.verifiedAccount("push-429");
		Api api = linked(account, "reply");
		HubSpotStubs.notesRateLimitedThenCreated(server);

		publish(reply(account, contactId(account, "ada.king@analytical.example")));

		assertThat(push.pushDue()).isEqualTo(1);
		server.verify(2, postRequestedFor(urlPathEqualTo(HubSpotStubs.NOTES)));
		JsonNode pushed = api.get("/api/v1/crm/hubspot/pushes").body().path("pushes").get(0);
		assertThat(pushed.path("state").asText()).isEqualTo("sent");
		assertThat(pushed.path("attempts").asInt()).isEqualTo(1);
	}

	@Test
	void aRefusedTokenMarksTheConnectionExpiredAndHoldsTheQueue() throws Exception {
		Account account = fixtures.verifiedAccount("push-401");
		Api api = linked(account, "reply");
		HubSpotStubs.notesRefused(server);
		publish(reply(account, contactId(account, "ada.king@analytical.example")));

		assertThat(push.pushDue()).isZero();

		JsonNode connection = api.get("/api/v1/crm/hubspot").body().path("connection");
		assertThat(connection.path("status").asText()).isEqualTo("expired");
		JsonNode held = api.get("/api/v1/crm/hubspot/pushes").body().path("pushes").get(0);
		assertThat(held.path("state").asText()).isEqualTo("queued");
		assertThat(held.path("attempts").asInt()).isZero();
		assertThat(held.path("lastError").asText()).contains("expired 2 day(s) ago");
		// Held: nothing is tried while the connection says "Connect again".
		assertThat(push.pushDue()).isZero();
		server.verify(1, postRequestedFor(urlPathEqualTo(HubSpotStubs.NOTES)));

		server.resetAll();
		connect(account);
		HubSpotStubs.notesCreated(server);
		assertThat(push.pushDue()).isEqualTo(1);
		assertThat(api.get("/api/v1/crm/hubspot/pushes").body().at("/pushes/0/state").asText()).isEqualTo("sent");
	}

	@Test
	void aPartialBatchAnswerSendsTheRestAndFailsTheRefusedRecordWithHubSpotsWords() throws Exception {
		Account account = fixtures.verifiedAccount("push-207");
		Api api = connect(account);
		HubSpotStubs.threePages(server);
		imported(api);
		setPush(api, "{\"kinds\":[\"unsubscribe\"],\"unsubscribeProperty\":\"penguinmails_unsubscribed\"}");
		server.resetAll();
		HubSpotStubs.notesCreated(server);
		HubSpotStubs.batchPartlyUpdated(server);

		publish(unsubscribe(account, "ada@analytical.example"));
		publish(unsubscribe(account, "grace@navy.example"));

		assertThat(push.pushDue()).isEqualTo(3);
		server.verify(1, postRequestedFor(urlPathEqualTo(HubSpotStubs.BATCH_UPDATE)).withRequestBody(equalToJson("""
				{"inputs": [{"id": "101", "properties": {"penguinmails_unsubscribed": "true"}},
				            {"id": "102", "properties": {"penguinmails_unsubscribed": "true"}}]}""")));
		JsonNode pushes = api.get("/api/v1/crm/hubspot/pushes").body().path("pushes");
		assertThat(pushes).hasSize(4);
		List<JsonNode> failed = states(pushes, "failed");
		assertThat(failed).hasSize(1);
		assertThat(failed.get(0).path("recordId").asText()).isEqualTo("102");
		assertThat(failed.get(0).path("lastError").asText()).contains("Could not get some CONTACT objects");
		assertThat(states(pushes, "sent")).hasSize(3);
	}

	@Test
	void aPushStillFailingIsTriedAgainLaterThenGivenUp() throws Exception {
		Account account = fixtures.verifiedAccount("push-503");
		Api api = linked(account, "reply");
		HubSpotStubs.notesUnavailable(server);
		publish(reply(account, contactId(account, "ada.king@analytical.example")));

		assertThat(push.pushDue()).isZero();
		JsonNode waiting = api.get("/api/v1/crm/hubspot/pushes").body().at("/pushes/0");
		assertThat(waiting.path("state").asText()).isEqualTo("queued");
		assertThat(waiting.path("lastError").asText()).contains("HubSpot answered 503");
		// Not due again before its backoff.
		assertThat(push.pushDue()).isZero();
		server.verify(5, postRequestedFor(urlPathEqualTo(HubSpotStubs.NOTES)));

		// The last attempt (of 8).
		fixtures.jdbc()
			.sql("UPDATE crm_push_queue SET attempts = 7, next_attempt_at = now() WHERE workspace_id = ?")
			.param(account.workspaceId())
			.update();
		assertThat(push.pushDue()).isZero();
		JsonNode failed = api.get("/api/v1/crm/hubspot/pushes").body().at("/pushes/0");
		assertThat(failed.path("state").asText()).isEqualTo("failed");
		assertThat(failed.path("lastError").asText()).startsWith("Given up after 8 attempts");
	}

	@Test
	void disconnectingForgetsThePendingPushes() throws Exception {
		Account account = fixtures.verifiedAccount("push-disconnect");
		Api api = linked(account, "reply");
		publish(reply(account, contactId(account, "ada.king@analytical.example")));
		assertThat(queued(account.workspaceId())).isEqualTo(1);

		assertThat(api.delete("/api/v1/crm/hubspot").status()).isEqualTo(204);

		assertThat(queued(account.workspaceId())).isZero();
	}

	@Test
	void aContactWithoutALinkIsNotPushed() throws Exception {
		Account account = fixtures.verifiedAccount("push-unlinked");
		linked(account, "reply");
		UUID unlinked = contacts
			.create(account.owner(),
					new Contacts.NewContact("solo@elsewhere.example", "Solo", null, null, null, null, null, null, null,
							null, null, List.of()))
			.id();

		publish(reply(account, unlinked));

		assertThat(queued(account.workspaceId())).isZero();
		assertThat(push.pushDue()).isZero();
		assertThat(server.findAll(postRequestedFor(urlPathEqualTo(HubSpotStubs.NOTES)))).isEmpty();
	}

	@Test
	void anotherWorkspacesEventsNeverReachThisConnection() throws Exception {
		Account account = fixtures.verifiedAccount("push-tenant");
		linked(account, "reply", "unsubscribe");
		UUID ada = contactId(account, "ada.king@analytical.example");
		Account other = fixtures.verifiedAccount("push-tenant-other");
		contacts.create(other.owner(), new Contacts.NewContact("ada.king@analytical.example", "Ada", null, null, null,
				null, null, null, null, null, null, List.of()));

		// The other workspace's reply (even naming this workspace's contact) and its
		// unsubscribe of the same address.
		publish(reply(other, ada));
		publish(unsubscribe(other, "ada.king@analytical.example"));

		assertThat(queued(account.workspaceId())).isZero();
		assertThat(queued(other.workspaceId())).isZero();
		assertThat(push.pushDue()).isZero();
		assertThat(server.getAllServeEvents()).isEmpty();
	}

	@Test
	void pushSettingsAreCheckedAndOffUntilChosen() throws Exception {
		Account account = fixtures.verifiedAccount("push-settings");
		contract = com.penguinmails.support.OpenApiContract.served(mvc);
		Api api = fixtures.api(account, "crm:read", "crm:write").checkedBy(contract);
		assertThat(api.get("/api/v1/crm/hubspot/push").status()).isEqualTo(404);
		connect(account);
		JsonNode settings = api.get("/api/v1/crm/hubspot/push").body();
		assertThat(settings.path("kinds")).isEmpty();
		assertThat(settings.path("leadStatusProperty").asText()).isEqualTo("hs_lead_status");
		assertThat(settings.at("/labelValues/meeting_booked").asText()).isEqualTo("OPEN_DEAL");

		Api.Response unknown = api.put("/api/v1/crm/hubspot/push", "{\"kinds\":[\"opens\"]}");
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.body().path("type").asText()).endsWith("/crm-push-settings");
		assertThat(
				api.put("/api/v1/crm/hubspot/push", "{\"kinds\":[],\"leadStatusProperty\":\"Lead Status!\"}").status())
			.isEqualTo(400);
		assertThat(api.put("/api/v1/crm/hubspot/push", "{\"labelValues\":{\"maybe\":\"X\"}}").status()).isEqualTo(400);
		assertThat(
				fixtures.api(account, "crm:read").put("/api/v1/crm/hubspot/push", "{\"kinds\":[\"reply\"]}").status())
			.isEqualTo(403);
		JsonNode saved = setPush(api,
				"{\"kinds\":[\"label\",\"reply\"],\"labelValues\":{\"interested\":\"CONNECTED\"},\"unsubscribeProperty\":\"\"}");
		assertThat(saved.path("kinds")).extracting(JsonNode::asText).containsExactly("reply", "label");
		assertThat(saved.at("/labelValues/interested").asText()).isEqualTo("CONNECTED");
		assertThat(saved.at("/labelValues/meeting_booked").isMissingNode()).isTrue();
	}

	/**
	 * Connects, imports record 101 (ada.king@analytical.example) and pushes the kinds.
	 */
	private Api linked(Account account, String... kinds) throws Exception {
		Api api = connect(account);
		HubSpotStubs.onePage(server, "contact-email-changed.json");
		imported(api);
		setPush(api, "{\"kinds\":[\"" + String.join("\",\"", kinds) + "\"]}");
		server.resetAll();
		return api;
	}

	private static JsonNode setPush(Api api, String body) throws Exception {
		Api.Response saved = api.put("/api/v1/crm/hubspot/push", body);
		assertThat(saved.status()).isEqualTo(200);
		return saved.body();
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

	private static void imported(Api api) throws Exception {
		String id = api.post("/api/v1/crm/hubspot/imports", "").body().path("id").asText();
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(20))
			.pollInterval(java.time.Duration.ofMillis(50))
			.until(() -> !api.get("/api/v1/crm/hubspot/imports/" + id)
				.body()
				.at("/run/status")
				.asText()
				.equals("running"));
	}

	/** Publishes in a transaction of its own and waits for crm's listeners. */
	private void publish(Object event) {
		transactions.executeWithoutResult(status -> events.publishEvent(event));
		fixtures.awaitEvents("PushEvents");
	}

	private static final UUID INBOUND = UUID.randomUUID();

	private static ReplyReceived reply(Account account, UUID contact) {
		return new ReplyReceived(account.workspaceId(), UUID.randomUUID(), null, null, 1, 0, null, contact,
				"ada.king@analytical.example", false, INBOUND, AT);
	}

	private static UnsubscribeReceived unsubscribe(Account account, String address) {
		return new UnsubscribeReceived(account.workspaceId(), UUID.randomUUID(), null, null, 1, 0, null, address,
				UUID.randomUUID(), AT);
	}

	/**
	 * A conversation of the contact as inbound's sync leaves it (the sync is inbound's to
	 * test).
	 */
	private UUID thread(Account account, UUID contact) {
		UUID thread = UUID.randomUUID();
		UUID message = UUID.randomUUID();
		UUID mailbox = UUID.randomUUID();
		Timestamp at = Timestamp.from(AT);
		fixtures.jdbc()
			.sql("""
					INSERT INTO inbound_threads (id, workspace_id, updated_at, latest_in_id, latest_in_at, mailbox_id,
					    has_reply)
					VALUES (?, ?, ?, ?, ?, ?, true)""")
			.params(thread, account.workspaceId(), at, message, at, mailbox)
			.update();
		fixtures.jdbc()
			.sql("""
					INSERT INTO inbound_messages (id, workspace_id, mailbox_id, from_address, subject, received_at, kind,
					    contact_id, thread_id, created_at)
					VALUES (?, ?, ?, 'ada.king@analytical.example', 'Re: Hi', ?, 'reply', ?, ?, ?)""")
			.params(message, account.workspaceId(), mailbox, at, contact, thread, at)
			.update();
		return thread;
	}

	private long queued(UUID workspace) {
		return fixtures.jdbc()
			.sql("SELECT count(*) FROM crm_push_queue WHERE workspace_id = ?")
			.param(workspace)
			.query(Long.class)
			.single();
	}

	private UUID contactId(Account account, String email) {
		return fixtures.jdbc()
			.sql("SELECT id FROM contacts WHERE workspace_id = ? AND email = ?")
			.params(account.workspaceId(), email)
			.query(UUID.class)
			.single();
	}

	private static List<JsonNode> states(JsonNode pushes, String state) {
		List<JsonNode> found = new java.util.ArrayList<>();
		pushes.forEach(p -> {
			if (p.path("state").asText().equals(state)) {
				found.add(p);
			}
		});
		return found;
	}

}
