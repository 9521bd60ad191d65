package com.penguinmails.webhooks.internal.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.contacts.Contacts;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebhookReceiver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole path, with nothing fed by hand: a person creates and edits a contact through
 * contacts' service, the catalogue turns its application events into
 * {@code contact.created} and {@code contact.updated}, and a sender round POSTs both,
 * signed, in order, to a real receiver that verifies the signatures with its own code.
 */
@IntegrationTest
class WebhooksEndToEndTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	DeliveryFixtures hooks;

	@Autowired
	Contacts contacts;

	@Autowired
	WebhookSender sender;

	@Autowired
	ObjectMapper json;

	WebhookReceiver receiver;

	@BeforeEach
	void startReceiver() throws Exception {
		receiver = WebhookReceiver.start("127.0.0.1");
	}

	@AfterEach
	void stopReceiver() {
		receiver.close();
	}

	@Test
	void aContactCreatedAndEditedReachesTheReceiverSignedAndInOrder() throws Exception {
		Account account = fixtures.verifiedAccount("webhook-e2e");
		String secret = DeliveryFixtures.whsec();
		hooks.endpoint(account.workspaceId(), receiver.url("/hook"), secret);
		receiver.hmac(secret);

		UUID contact = contacts
			.create(account.owner(),
					new Contacts.NewContact("ada@client.test", "Ada", "", "", "", "", "", "", "", "", null, List.of()))
			.id();
		contacts.update(account.owner(), contact, Map.of("firstName", "Ada L."));
		fixtures.awaitEvents("LifecycleContactListener");

		Instant now = Instant.now();
		for (int round = 0; round < 4 && receiver.received().size() < 2; round++) {
			sender.round(now);
		}

		List<WebhookReceiver.Received> received = receiver.received();
		assertThat(received).hasSize(2);
		assertThat(received).allSatisfy(r -> assertThat(r.allSignaturesValid()).isTrue());
		JsonNode created = json.readTree(received.get(0).body());
		JsonNode updated = json.readTree(received.get(1).body());
		assertThat(created.path("type").asText()).isEqualTo("contact.created");
		assertThat(created.at("/data/contact/id").asText()).isEqualTo(contact.toString());
		assertThat(created.at("/data/contact/email").asText()).isEqualTo("ada@client.test");
		assertThat(updated.path("type").asText()).as("in order per contact").isEqualTo("contact.updated");
		assertThat(updated.at("/data/changed_fields").toString()).contains("firstName");
		assertThat(received.get(0).webhookId()).isNotEqualTo(received.get(1).webhookId());
	}

}
