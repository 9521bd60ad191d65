package com.penguinmails.webhooks.api;

import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.OpenApiContract;
import com.penguinmails.webhooks.CatalogueSchemas;
import com.penguinmails.webhooks.EventCatalogue;
import com.penguinmails.webhooks.EventType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/v1/webhooks/event-types}: the catalogue's types, one type, its schema
 * (application/schema+json) and its sample; an unknown type is a 404 problem and a key
 * without {@code webhooks:read} a 403.
 */
@IntegrationTest
class EventTypesApiTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	MockMvc mvc;

	@Autowired
	EventCatalogue catalogue;

	@Test
	void listsEveryTypeWithItsSchemaUrl() throws Exception {
		Api api = reader("event-types-list");
		Api.Response list = api.get("/api/v1/webhooks/event-types");
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.body().size()).isEqualTo(EventType.values().length);
		assertThat(list.body().findValuesAsText("type"))
			.containsExactly(Arrays.stream(EventType.values()).map(EventType::type).toArray(String[]::new));
		JsonNode bounced = list.body().get(EventType.MESSAGE_BOUNCED.ordinal());
		assertThat(bounced.get("title").asText()).isEqualTo("Message bounced");
		assertThat(bounced.get("schemaUrl").asText()).isEqualTo("/api/v1/webhooks/event-types/message.bounced/schema");

		Api.Response one = api.get("/api/v1/webhooks/event-types/message.bounced");
		assertThat(one.status()).isEqualTo(200);
		assertThat(one.body()).isEqualTo(bounced);
	}

	@Test
	void servesTheSchemaAsSchemaJsonAndAValidSample() throws Exception {
		Api api = reader("event-types-schema");
		Api.Response schema = api.get("/api/v1/webhooks/event-types/message.bounced/schema");
		assertThat(schema.status()).isEqualTo(200);
		assertThat(schema.header("Content-Type")).startsWith("application/schema+json");
		assertThat(schema.body().get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
		assertThat(schema.body().at("/properties/bounce/properties/reason/enum").toString()).contains("mailbox_full");

		Api.Response sample = api.get("/api/v1/webhooks/event-types/message.bounced/sample");
		assertThat(sample.status()).isEqualTo(200);
		assertThat(sample.body().get("type").asText()).isEqualTo("message.bounced");
		assertThat(sample.body().get("timestamp").asText()).isEqualTo("2026-12-01T09:30:00Z");
		CatalogueSchemas.assertValid(catalogue, EventType.MESSAGE_BOUNCED, sample.body().get("data"));
	}

	@Test
	void anUnknownTypeIsANotFoundProblem() throws Exception {
		Api api = reader("event-types-unknown");
		for (String path : new String[] { "message.nope", "message.nope/schema", "message.nope/sample",
				"MESSAGE.SENT" }) {
			Api.Response response = api.get("/api/v1/webhooks/event-types/" + path);
			assertThat(response.status()).as(path).isEqualTo(404);
			assertThat(response.header("Content-Type")).as(path).startsWith("application/problem+json");
		}
	}

	@Test
	void aKeyWithoutWebhooksReadIsForbidden() throws Exception {
		Account account = fixtures.verifiedAccount("event-types-scope");
		Api api = fixtures.api(account, "contacts:read");
		for (String path : new String[] { "", "/message.sent", "/message.sent/schema", "/message.sent/sample" }) {
			assertThat(api.get("/api/v1/webhooks/event-types" + path).status()).as(path).isEqualTo(403);
		}
	}

	@Test
	void answersAsTheOpenApiDocumentSays() throws Exception {
		OpenApiContract contract = OpenApiContract.served(mvc);
		Api api = reader("event-types-contract").checkedBy(contract);
		api.get("/api/v1/webhooks/event-types");
		api.get("/api/v1/webhooks/event-types/message.opened");
		api.get("/api/v1/webhooks/event-types/message.opened/schema");
		api.get("/api/v1/webhooks/event-types/message.opened/sample");
		api.get("/api/v1/webhooks/event-types/message.nope");
		assertThat(contract.violations()).isEmpty();
	}

	private Api reader(String name) {
		return fixtures.api(fixtures.verifiedAccount(name), "webhooks:read");
	}

}
