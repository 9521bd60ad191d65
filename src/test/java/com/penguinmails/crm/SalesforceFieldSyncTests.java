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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two-way field sync with Salesforce: a local edit of a linked Contact is queued as one
 * {@code properties} push under Salesforce's field names (the push worker sends it), the
 * Account's fields cannot be sent, and an edit under "Salesforce wins" is not queued.
 */
@IntegrationTest
class SalesforceFieldSyncTests {

	@Autowired
	Fixtures fixtures;

	WireMockServer server;

	@BeforeEach
	void stubs() {
		server = SalesforceStubs.reset();
	}

	@Test
	void aLocalEditOfALinkedContactIsQueuedWithSalesforcesNames() throws Exception {
		Account account = fixtures.verifiedAccount("sf-field-sync");
		SalesforceConnectTests.connect(fixtures, server, account);
		Api api = fixtures.api(account, "crm:read", "crm:write");
		api.put("/api/v1/crm/salesforce/settings",
				"{\"object\":\"Contact\",\"targetList\":\"Salesforce\",\"fieldMap\":{\"Industry_Segment__c\":\"segment\"}}");
		SalesforceStubs.onePage(server, SalesforceStubs.ACCESS, "contact-email-changed.json");
		assertThat(imported(api).path("created").asInt()).isEqualTo(1);
		UUID ada = fixtures.jdbc()
			.sql("SELECT id FROM contacts WHERE workspace_id = ? AND email = 'ada.king@analytical.example'")
			.param(account.workspaceId())
			.query(UUID.class)
			.single();

		Api.Response account_ = api.put("/api/v1/crm/salesforce/field-policies",
				"{\"policies\":{\"company\":\"penguinmails\"}}");
		assertThat(account_.status()).isEqualTo(400);
		assertThat(account_.body().path("detail").asText()).contains("Account");
		JsonNode saved = api.put("/api/v1/crm/salesforce/field-policies",
				"{\"policies\":{\"title\":\"penguinmails\",\"country\":\"newest\",\"custom.segment\":\"penguinmails\"}}")
			.body();
		assertThat(saved.path("fields").toString()).contains("\"crmName\":\"MailingCountry\"")
			.contains("\"crmName\":\"Industry_Segment__c\"");

		// Phone: Salesforce wins, kept here only.
		assertThat(fixtures.api(account, "contacts:write")
			.patch("/api/v1/contacts/" + ada,
					"{\"title\":\"Chief Scientist\",\"country\":\"France\",\"phone\":\"+33 1\",\"custom\":{\"segment\":\"Maths\"}}")
			.status()).isEqualTo(200);

		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !pushes(account).isEmpty());
		fixtures.awaitEvents("FieldSyncListener");
		assertThat(pushes(account))
			.containsExactly("003RO00000Ada01YAA {\"properties\": {\"Title\": \"Chief Scientist\", "
					+ "\"MailingCountry\": \"France\", \"Industry_Segment__c\": \"Maths\"}}");
	}

	private List<String> pushes(Account account) {
		return fixtures.jdbc()
			.sql("""
					SELECT record_id || ' ' || payload::text FROM crm_push_queue
					WHERE workspace_id = ? AND crm = 'salesforce' AND kind = 'field' AND action = 'properties'""")
			.param(account.workspaceId())
			.query(String.class)
			.list();
	}

	private static JsonNode imported(Api api) throws Exception {
		Api.Response started = api.post("/api/v1/crm/salesforce/imports", "");
		assertThat(started.status()).isEqualTo(202);
		String id = started.body().path("id").asText();
		JsonNode[] run = new JsonNode[1];
		Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
			run[0] = api.get("/api/v1/crm/salesforce/imports/" + id).body().path("run");
			return !run[0].path("status").asText().equals("running");
		});
		assertThat(run[0].path("status").asText()).isEqualTo("done");
		return run[0];
	}

}
