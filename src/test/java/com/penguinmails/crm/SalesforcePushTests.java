package com.penguinmails.crm;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import com.penguinmails.campaigns.Campaign.Schedule;
import com.penguinmails.campaigns.Campaign.Step;
import com.penguinmails.campaigns.Campaign.Variant;
import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.campaigns.Campaigns.Draft;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.crm.internal.PushRepository;
import com.penguinmails.inbound.Inbox;
import com.penguinmails.inbound.ReplyReceived;
import com.penguinmails.inbound.UnsubscribeReceived;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.OpenApiContract;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Push-back to Salesforce against WireMock speaking the Composite API's documented
 * sObject Collections shapes: a reply of a linked Contact becomes a completed Task with
 * its WhoId, subject, text and campaign; a label the Lead's Status; an unsubscribe a Task
 * and {@code HasOptedOutOfEmail}; a partial answer failing only the refused record with
 * Salesforce's words; an expired session refreshed and the call retried; a field sync's
 * {@code properties} row PATCHed; and another workspace unaffected.
 */
@IntegrationTest
class SalesforcePushTests {

	private static final Instant AT = Instant.parse("2026-12-01T15:00:00Z");

	private static final String ADA = "003RO00000Ada01YAA";

	private static final String HEDY = "00QRO00000Lea01YAA";

	@Autowired
	Fixtures fixtures;

	@Autowired
	SalesforcePush push;

	@Autowired
	PushRepository queue;

	@Autowired
	Contacts contacts;

	@Autowired
	Campaigns campaigns;

	@Autowired
	Inbox inbox;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	MockMvc mvc;

	@Autowired
	ObjectMapper json;

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
		// Left over from other tests' workspaces: sent (and answered) before each test.
		for (String access : List.of(SalesforceStubs.ACCESS, SalesforceStubs.REFRESHED)) {
			SalesforceWriteStubs.created(server, access, "composite-one-created.json");
			SalesforceWriteStubs.updated(server, access, "composite-one-updated.json");
		}
		push.pushDue();
		server.resetAll();
	}

	@Test
	void aReplyOfALinkedContactBecomesACompletedTaskWithItsTextAndCampaign() throws Exception {
		Account account = fixtures.verifiedAccount("sfpush-reply");
		Api api = linked(account, "reply");
		UUID ada = contactId(account, "ada.king@analytical.example");
		UUID campaign = campaign(account, "Autumn analytics outreach");
		UUID inbound = replyMessage(account, ada, "Re: Engines for your lab",
				"Yes, let's talk on Tuesday.\n\nAda\n\n> On Mon, you wrote:\n> Would engines help?");
		SalesforceWriteStubs.created(server, SalesforceStubs.ACCESS, "composite-one-created.json");

		publish(reply(account, ada, campaign, inbound));
		publish(reply(account, ada, campaign, inbound)); // delivered again: one push
		assertThat(push.pushDue()).isEqualTo(1);

		List<LoggedRequest> calls = server.findAll(postRequestedFor(urlPathEqualTo(SalesforceWriteStubs.COMPOSITE)));
		assertThat(calls).hasSize(1);
		server.verify(postRequestedFor(urlPathEqualTo(SalesforceWriteStubs.COMPOSITE))
			.withHeader("Authorization", equalTo("Bearer " + SalesforceStubs.ACCESS))
			.withRequestBody(equalToJson("""
					{"allOrNone": false, "records": [{"attributes": {"type": "Task"}, "WhoId": "003RO00000Ada01YAA",
					  "Subject": "Reply: Re: Engines for your lab", "Description": "${json-unit.any-string}",
					  "Status": "Completed", "TaskSubtype": "Email", "ActivityDate": "2026-12-01"}]}""")));
		String description = json.readTree(calls.get(0).getBodyAsString()).at("/records/0/Description").asText();
		assertThat(description).contains("ada.king@analytical.example")
			.contains("Autumn analytics outreach")
			.contains("Yes, let's talk on Tuesday.")
			.doesNotContain("Would engines help?");
		JsonNode pushes = api.get("/api/v1/crm/salesforce/pushes").body().path("pushes");
		assertThat(pushes).hasSize(1);
		assertThat(pushes.get(0).path("state").asText()).isEqualTo("sent");
		assertThat(pushes.get(0).path("action").asText()).isEqualTo("task");
		assertThat(pushes.get(0).path("what").asText()).isEqualTo("Reply: Re: Engines for your lab");
	}

	@Test
	void aLabelSetsTheLeadStatus() throws Exception {
		Account account = fixtures.verifiedAccount("sfpush-label");
		linked(account, "label");
		UUID hedy = contactId(account, "hedy@frequency.example");
		SalesforceWriteStubs.updated(server, SalesforceStubs.ACCESS, "composite-one-updated.json");

		inbox.label(account.owner(), thread(account, hedy), "meeting_booked");
		fixtures.awaitEvents("PushEvents");
		assertThat(push.pushDue()).isEqualTo(1);

		server.verify(patchRequestedFor(urlPathEqualTo(SalesforceWriteStubs.COMPOSITE)).withRequestBody(equalToJson("""
				{"allOrNone": false, "records": [{"attributes": {"type": "Lead"}, "id": "00QRO00000Lea01YAA",
				  "Status": "Qualified"}]}""")));
		// A Contact has no label field until one is chosen.
		inbox.label(account.owner(), thread(account, contactId(account, "ada.king@analytical.example")), "interested");
		fixtures.awaitEvents("PushEvents");
		assertThat(push.pushDue()).isZero();
	}

	@Test
	void anUnsubscribeIsATaskAndOptsTheRecordOutOfEmail() throws Exception {
		Account account = fixtures.verifiedAccount("sfpush-unsub");
		Api api = linked(account, "unsubscribe");
		SalesforceWriteStubs.created(server, SalesforceStubs.ACCESS, "composite-one-created.json");
		SalesforceWriteStubs.updated(server, SalesforceStubs.ACCESS, "composite-one-updated.json");

		publish(unsubscribe(account, "hedy@frequency.example"));

		assertThat(push.pushDue()).isEqualTo(2);
		server.verify(postRequestedFor(urlPathEqualTo(SalesforceWriteStubs.COMPOSITE))
			.withRequestBody(containing("\"WhoId\":\"" + HEDY + "\""))
			.withRequestBody(containing("\"Subject\":\"Unsubscribed\"")));
		server.verify(patchRequestedFor(urlPathEqualTo(SalesforceWriteStubs.COMPOSITE)).withRequestBody(equalToJson("""
				{"allOrNone": false, "records": [{"attributes": {"type": "Lead"}, "id": "00QRO00000Lea01YAA",
				  "HasOptedOutOfEmail": true}]}""")));
		assertThat(states(api.get("/api/v1/crm/salesforce/pushes").body().path("pushes"), "sent")).hasSize(2);
	}

	@Test
	void aPartialAnswerFailsTheRefusedRecordWithSalesforcesWordsAndSendsTheRest() throws Exception {
		Account account = fixtures.verifiedAccount("sfpush-partial");
		Api api = linked(account, "reply");
		SalesforceWriteStubs.created(server, SalesforceStubs.ACCESS, "composite-partly-created.json");

		publish(reply(account, contactId(account, "ada.king@analytical.example"), null, UUID.randomUUID()));
		publish(reply(account, contactId(account, "hedy@frequency.example"), null, UUID.randomUUID()));

		assertThat(push.pushDue()).isEqualTo(1);
		server.verify(1, postRequestedFor(urlPathEqualTo(SalesforceWriteStubs.COMPOSITE)));
		JsonNode pushes = api.get("/api/v1/crm/salesforce/pushes").body().path("pushes");
		List<JsonNode> failed = states(pushes, "failed");
		assertThat(failed).hasSize(1);
		assertThat(failed.get(0).path("lastError").asText()).contains("DELETED_ENTITY: entity is deleted");
		assertThat(states(pushes, "sent")).hasSize(1);
		// Not tried again: a deleted record stays deleted.
		fixtures.jdbc()
			.sql("UPDATE crm_push_queue SET next_attempt_at = now() - interval '1 hour' WHERE workspace_id = ?")
			.param(account.workspaceId())
			.update();
		assertThat(push.pushDue()).isZero();
		server.verify(1, postRequestedFor(urlPathEqualTo(SalesforceWriteStubs.COMPOSITE)));
	}

	@Test
	void anExpiredSessionIsRefreshedAndTheCallRetried() throws Exception {
		Account account = fixtures.verifiedAccount("sfpush-refresh");
		Api api = linked(account, "reply");
		SalesforceWriteStubs.sessionExpired(server, SalesforceStubs.ACCESS);
		SalesforceStubs.refreshAnswers(server);
		SalesforceWriteStubs.created(server, SalesforceStubs.REFRESHED, "composite-one-created.json");

		publish(reply(account, contactId(account, "ada.king@analytical.example"), null, UUID.randomUUID()));

		assertThat(push.pushDue()).isEqualTo(1);
		server.verify(1, postRequestedFor(urlPathEqualTo(SalesforceStubs.TOKEN_PATH)));
		server.verify(1, postRequestedFor(urlPathEqualTo(SalesforceWriteStubs.COMPOSITE)).withHeader("Authorization",
				equalTo("Bearer " + SalesforceStubs.REFRESHED)));
		assertThat(api.get("/api/v1/crm/salesforce/pushes").body().at("/pushes/0/state").asText()).isEqualTo("sent");
	}

	@Test
	void aRefusedRefreshHoldsTheQueueUntilConnectedAgain() throws Exception {
		Account account = fixtures.verifiedAccount("sfpush-refused");
		Api api = linked(account, "reply");
		SalesforceWriteStubs.sessionExpired(server, SalesforceStubs.ACCESS);
		SalesforceStubs.refreshRefused(server);
		publish(reply(account, contactId(account, "ada.king@analytical.example"), null, UUID.randomUUID()));

		assertThat(push.pushDue()).isZero();

		assertThat(api.get("/api/v1/crm/salesforce").body().at("/connection/status").asText()).isEqualTo("expired");
		JsonNode held = api.get("/api/v1/crm/salesforce/pushes").body().at("/pushes/0");
		assertThat(held.path("state").asText()).isEqualTo("queued");
		assertThat(held.path("attempts").asInt()).isZero();
		assertThat(held.path("lastError").asText()).containsIgnoringCase("connect again");
		server.resetAll();
		SalesforceConnectTests.connect(fixtures, server, account);
		SalesforceWriteStubs.created(server, SalesforceStubs.ACCESS, "composite-one-created.json");
		assertThat(push.pushDue()).isEqualTo(1);
	}

	@Test
	void aFieldSyncsPropertiesRowIsPatchedOnTheLinkedRecord() throws Exception {
		Account account = fixtures.verifiedAccount("sfpush-field");
		Api api = linked(account);
		UUID ada = contactId(account, "ada.king@analytical.example");
		SalesforceWriteStubs.updated(server, SalesforceStubs.ACCESS, "composite-one-updated.json");

		// As the per-field sync queues it: Salesforce API names, a null clearing.
		queue.enqueue(account.workspaceId(), "salesforce", ada, ADA, "field", "properties",
				"{\"properties\": {\"FirstName\": \"Augusta Ada\", \"Title\": null}}", "field:" + UUID.randomUUID(),
				Instant.now());

		assertThat(push.pushDue()).isEqualTo(1);
		server.verify(patchRequestedFor(urlPathEqualTo(SalesforceWriteStubs.COMPOSITE)).withRequestBody(equalToJson("""
				{"allOrNone": false, "records": [{"attributes": {"type": "Contact"}, "id": "003RO00000Ada01YAA",
				  "FirstName": "Augusta Ada", "Title": null}]}""")));
		JsonNode pushed = api.get("/api/v1/crm/salesforce/pushes").body().at("/pushes/0");
		assertThat(pushed.path("kind").asText()).isEqualTo("field");
		// jsonb keeps the keys in its own order.
		assertThat(pushed.path("what").asText().split(", ")).containsExactlyInAnyOrder("FirstName = Augusta Ada",
				"Title = (cleared)");
	}

	@Test
	void anotherWorkspacesEventsNeverReachThisConnection() throws Exception {
		Account account = fixtures.verifiedAccount("sfpush-tenant");
		linked(account, "reply", "unsubscribe");
		UUID ada = contactId(account, "ada.king@analytical.example");
		Account other = fixtures.verifiedAccount("sfpush-tenant-other");
		contacts.create(other.owner(), new Contacts.NewContact("ada.king@analytical.example", "Ada", null, null, null,
				null, null, null, null, null, null, List.of()));

		publish(reply(other, ada, null, UUID.randomUUID()));
		publish(unsubscribe(other, "ada.king@analytical.example"));

		assertThat(queued(account.workspaceId())).isZero();
		assertThat(queued(other.workspaceId())).isZero();
		assertThat(push.pushDue()).isZero();
		assertThat(server.getAllServeEvents()).isEmpty();
	}

	@Test
	void pushSettingsAreCheckedAndOffUntilChosen() throws Exception {
		Account account = fixtures.verifiedAccount("sfpush-settings");
		Api api = api(account);
		assertThat(api.get("/api/v1/crm/salesforce/push").status()).isEqualTo(404);
		SalesforceConnectTests.connect(fixtures, server, account);
		JsonNode settings = api.get("/api/v1/crm/salesforce/push").body();
		assertThat(settings.path("kinds")).isEmpty();
		assertThat(settings.path("leadField").asText()).isEqualTo("Status");
		assertThat(settings.path("contactField").asText()).isEmpty();
		assertThat(settings.path("optOut").asBoolean()).isTrue();
		assertThat(settings.at("/labelValues/interested").asText()).isEqualTo("Working - Contacted");

		Api.Response unknown = api.put("/api/v1/crm/salesforce/push", "{\"kinds\":[\"opens\"]}");
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.body().path("type").asText()).endsWith("/crm-push-settings");
		assertThat(api.put("/api/v1/crm/salesforce/push", "{\"contactField\":\"Stage; DROP\"}").status())
			.isEqualTo(400);
		assertThat(fixtures.api(account, "crm:read")
			.put("/api/v1/crm/salesforce/push", "{\"kinds\":[\"reply\"]}")
			.status()).isEqualTo(403);
		JsonNode saved = setPush(api, """
				{"kinds":["label","reply"],"contactField":"Stage__c","optOut":false,
				 "labelValues":{"interested":"Open - Not Contacted"}}""");
		assertThat(saved.path("kinds")).extracting(JsonNode::asText).containsExactly("reply", "label");
		assertThat(saved.path("contactField").asText()).isEqualTo("Stage__c");
		assertThat(saved.path("optOut").asBoolean()).isFalse();
		assertThat(saved.at("/labelValues/meeting_booked").isMissingNode()).isTrue();
	}

	/**
	 * Connects, imports Contact {@value #ADA} (ada.king@analytical.example) and Lead
	 * {@value #HEDY} (hedy@frequency.example), and pushes the kinds.
	 */
	private Api linked(Account account, String... kinds) throws Exception {
		Api api = api(account);
		SalesforceConnectTests.connect(fixtures, server, account);
		SalesforceStubs.onePage(server, SalesforceStubs.ACCESS, "contact-email-changed.json");
		imported(api);
		assertThat(
				api.put("/api/v1/crm/salesforce/settings", "{\"object\":\"Lead\",\"targetList\":\"From Salesforce\"}")
					.status())
			.isEqualTo(200);
		server.resetAll();
		SalesforceStubs.onePage(server, SalesforceStubs.ACCESS, "leads.json");
		imported(api);
		setPush(api,
				"{\"kinds\":[" + String.join(",", List.of(kinds).stream().map(k -> "\"" + k + "\"").toList()) + "]}");
		server.resetAll();
		return api;
	}

	private Api api(Account account) throws Exception {
		if (contract == null) {
			contract = OpenApiContract.served(mvc);
		}
		return fixtures.api(account, "crm:read", "crm:write").checkedBy(contract);
	}

	private static JsonNode setPush(Api api, String body) throws Exception {
		Api.Response saved = api.put("/api/v1/crm/salesforce/push", body);
		assertThat(saved.status()).isEqualTo(200);
		return saved.body();
	}

	private static void imported(Api api) throws Exception {
		Api.Response started = api.post("/api/v1/crm/salesforce/imports", "");
		assertThat(started.status()).isEqualTo(202);
		String id = started.body().path("id").asText();
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> !api.get("/api/v1/crm/salesforce/imports/" + id)
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

	private static ReplyReceived reply(Account account, UUID contact, UUID campaign, UUID inbound) {
		return new ReplyReceived(account.workspaceId(), UUID.randomUUID(), campaign, null, 1, 0, null, contact,
				"ada.king@analytical.example", false, inbound, AT);
	}

	private static UnsubscribeReceived unsubscribe(Account account, String address) {
		return new UnsubscribeReceived(account.workspaceId(), UUID.randomUUID(), null, null, 1, 0, null, address,
				UUID.randomUUID(), AT);
	}

	private UUID campaign(Account account, String name) {
		return campaigns
			.create(account.owner(),
					new Draft(name, Schedule.defaults(), null, List.of(),
							List.of(new Step(0, false, List.of(new Variant("Engines", "<p>Hi</p>", null))))))
			.id();
	}

	/** A conversation of the contact as inbound's sync leaves it. */
	private UUID thread(Account account, UUID contact) {
		UUID thread = UUID.randomUUID();
		insertMessage(account, thread, UUID.randomUUID(), contact, "Re: Hi", "");
		return thread;
	}

	/** A reply as inbound stores it, in a thread of its own: its id. */
	private UUID replyMessage(Account account, UUID contact, String subject, String text) {
		UUID message = UUID.randomUUID();
		insertMessage(account, UUID.randomUUID(), message, contact, subject, text);
		return message;
	}

	private void insertMessage(Account account, UUID thread, UUID message, UUID contact, String subject, String text) {
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
					INSERT INTO inbound_messages (id, workspace_id, mailbox_id, from_address, subject, text_body,
					    received_at, kind, contact_id, thread_id, created_at)
					VALUES (?, ?, ?, 'ada.king@analytical.example', ?, ?, ?, 'reply', ?, ?, ?)""")
			.params(message, account.workspaceId(), mailbox, subject, text, at, contact, thread, at)
			.update();
	}

	private UUID contactId(Account account, String email) {
		return fixtures.jdbc()
			.sql("SELECT id FROM contacts WHERE workspace_id = ? AND email = ?")
			.params(account.workspaceId(), email)
			.query(UUID.class)
			.single();
	}

	private long queued(UUID workspace) {
		return fixtures.jdbc()
			.sql("SELECT count(*) FROM crm_push_queue WHERE workspace_id = ?")
			.param(workspace)
			.query(Long.class)
			.single();
	}

	private static List<JsonNode> states(JsonNode pushes, String state) {
		List<JsonNode> found = new ArrayList<>();
		pushes.forEach(p -> {
			if (p.path("state").asText().equals(state)) {
				found.add(p);
			}
		});
		return found;
	}

}
