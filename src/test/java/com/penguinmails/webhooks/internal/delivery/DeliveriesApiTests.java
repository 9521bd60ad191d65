package com.penguinmails.webhooks.internal.delivery;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebhookReceiver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delivery log API: search with keyset pages, one delivery with its attempts, replays
 * (same webhook-id, logged as replays), range replays, test events; bad input is a 4xx
 * problem and other workspaces' deliveries are not found.
 */
@IntegrationTest
class DeliveriesApiTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	DeliveryFixtures hooks;

	@Autowired
	WebhookSender sender;

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
	void replayKeepsTheWebhookIdAndIsLoggedAsAReplay() throws Exception {
		Account account = fixtures.verifiedAccount("webhook-replay");
		String secret = DeliveryFixtures.whsec();
		hooks.endpoint(account.workspaceId(), receiver.url("/hook"), secret);
		receiver.hmac(secret);
		UUID event = hooks.event(account.workspaceId(), "message.replied", "contact-9");
		UUID delivery = hooks.delivery(event);
		sender.round(Instant.now());
		Api api = fixtures.api(account, "webhooks:read", "webhooks:write");

		Api.Response replayed = api.post("/api/v1/webhooks/deliveries/" + delivery + "/replay", "");
		assertThat(replayed.status()).isEqualTo(200);
		assertThat(replayed.body().path("status").asText()).isEqualTo("pending");
		sender.round(Instant.now().plusSeconds(1));

		assertThat(receiver.ids()).containsExactly(event.toString(), event.toString());
		assertThat(receiver.received()).allMatch(WebhookReceiver.Received::allSignaturesValid);
		JsonNode detail = api.get("/api/v1/webhooks/deliveries/" + delivery).body();
		assertThat(detail.path("delivery").path("status").asText()).isEqualTo("delivered");
		assertThat(detail.path("payload").path("type").asText()).isEqualTo("message.replied");
		assertThat(detail.path("attempts")).extracting(a -> a.path("replay").asBoolean()).containsExactly(false, true);
		JsonNode attempt = detail.path("attempts").get(1);
		assertThat(attempt.path("statusCode").asInt()).isEqualTo(200);
		assertThat(attempt.path("requestHeaders").path("webhook-id").asText()).isEqualTo(event.toString());
		assertThat(attempt.path("requestHeaders").path("webhook-signature").asText()).startsWith("v1,");
		assertThat(attempt.path("responseBody").asText()).isEqualTo("ok");
	}

	@Test
	void replaysARangeOfAnEndpointsDeliveriesAndCountsThem() throws Exception {
		Account account = fixtures.verifiedAccount("webhook-range");
		UUID endpoint = hooks.endpoint(account.workspaceId(), receiver.url("/hook"), DeliveryFixtures.whsec());
		Instant from = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
		UUID a = hooks.delivery(hooks.event(account.workspaceId(), "message.sent", null));
		UUID b = hooks.delivery(hooks.event(account.workspaceId(), "message.sent", null));
		hooks.delivery(hooks.event(account.workspaceId(), "message.sent", null));
		sender.round(Instant.now());
		hooks.jdbc().sql("UPDATE webhook_deliveries SET status = 'failed' WHERE id IN (?, ?)").params(a, b).update();
		Api api = fixtures.api(account, "webhooks:read", "webhooks:write");
		String to = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.SECONDS).toString();
		String path = "/api/v1/webhooks/endpoints/" + endpoint + "/replay";

		Api.Response failed = api.post(path, "{\"from\":\"" + from + "\",\"to\":\"" + to + "\"}");
		assertThat(failed.status()).isEqualTo(200);
		assertThat(failed.body().path("replayed").asInt()).isEqualTo(2);
		sender.round(Instant.now().plusSeconds(1));
		assertThat(receiver.received()).hasSize(5);

		Api.Response all = api.post(path, "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"only_failed\":false}");
		assertThat(all.body().path("replayed").asInt()).isEqualTo(3);
		assertProblem(api.post(path, "{\"from\":\"" + to + "\",\"to\":\"" + from + "\"}"), 400, "invalid-range");
		assertProblem(api.post(path, "{}"), 400, "invalid-range");
	}

	@Test
	void searchesTheLogAndPagesWithACursor() throws Exception {
		Account account = fixtures.verifiedAccount("webhook-search");
		UUID endpoint = hooks.endpoint(account.workspaceId(), receiver.url("/hook"), DeliveryFixtures.whsec());
		UUID bounced = hooks.event(account.workspaceId(), "message.bounced", null);
		hooks.event(account.workspaceId(), "message.opened", null);
		hooks.event(account.workspaceId(), "message.opened", null);
		receiver.otherwise(r -> r.webhookId().equals(bounced.toString()) ? WebhookReceiver.Answer.status(500)
				: WebhookReceiver.Answer.ok());
		sender.round(Instant.now());
		Api api = fixtures.api(account, "webhooks:read");
		String base = "/api/v1/webhooks/deliveries";

		assertThat(api.get(base).body().path("data")).hasSize(3);
		assertThat(api.get(base, "event_type", "message.opened", "status", "delivered").body().path("data")).hasSize(2);
		JsonNode failing = api.get(base, "http_status", "500").body().path("data");
		assertThat(failing).singleElement()
			.satisfies(d -> assertThat(d.path("eventId").asText()).isEqualTo(bounced.toString()));
		assertThat(api.get(base, "q", bounced.toString().substring(0, 13)).body().path("data")).hasSize(1);
		assertThat(api.get(base, "endpoint_id", endpoint.toString(), "status", "pending").body().path("data"))
			.hasSize(1);

		JsonNode first = api.get(base, "limit", "2").body();
		assertThat(first.path("data")).hasSize(2);
		JsonNode second = api.get(base, "limit", "2", "cursor", first.path("nextCursor").asText()).body();
		assertThat(second.path("data")).hasSize(1);
		assertThat(second.path("nextCursor").isMissingNode() || second.path("nextCursor").isNull()).isTrue();

		// Retried into a 200, the delivery is still found by the 500 one of its attempts
		// got.
		receiver.otherwise(r -> WebhookReceiver.Answer.ok());
		sender.round(Instant.now().plusSeconds(1));
		assertThat(api.get(base, "http_status", "500").body().path("data")).singleElement()
			.satisfies(d -> assertThat(d.path("status").asText()).isEqualTo("delivered"));
	}

	@Test
	void sendsATestEventOfATypeToOneEndpoint() throws Exception {
		Account account = fixtures.verifiedAccount("webhook-test-event");
		UUID endpoint = hooks.endpoint(account.workspaceId(), receiver.url("/hook"), DeliveryFixtures.whsec());
		Api api = fixtures.api(account, "webhooks:read", "webhooks:write");

		Api.Response sent = api.post("/api/v1/webhooks/endpoints/" + endpoint + "/test",
				"{\"type\":\"campaign.launched\"}");
		assertThat(sent.status()).isEqualTo(202);
		sender.round(Instant.now().plusSeconds(1));

		assertThat(receiver.received()).singleElement().satisfies(r -> {
			assertThat(r.body()).contains("\"type\":\"campaign.launched\"")
				.as("marked as a test, with the caller's workspace")
				.contains("\"test\":true")
				.contains(account.workspaceId().toString());
		});
		UUID delivery = UUID.fromString(sent.body().path("deliveryId").asText());
		assertThat(hooks.status(delivery)).isEqualTo("delivered");
		assertThat(hooks.jdbc()
			.sql("SELECT e.dedupe_key FROM webhook_events e JOIN webhook_deliveries d ON d.event_id = e.id WHERE d.id = ?")
			.param(delivery)
			.query(String.class)
			.single()).startsWith("test:");
	}

	@Test
	void badInputIsAProblemAndOtherWorkspacesAreNotFound() throws Exception {
		Account account = fixtures.verifiedAccount("webhook-api-bad");
		Account other = fixtures.verifiedAccount("webhook-api-other");
		UUID endpoint = hooks.endpoint(account.workspaceId(), receiver.url("/hook"), DeliveryFixtures.whsec());
		UUID delivery = hooks.delivery(hooks.event(account.workspaceId(), "message.sent", null));
		Api api = fixtures.api(account, "webhooks:read", "webhooks:write");
		Api stranger = fixtures.api(other, "webhooks:read", "webhooks:write");
		String base = "/api/v1/webhooks/deliveries";

		assertProblem(api.get(base, "status", "lost"), 400, "invalid-status");
		assertProblem(api.get(base, "event_type", "message.teleported"), 400, "unknown-event-type");
		assertProblem(api.get(base, "http_status", "42"), 400, "invalid-http-status");
		assertProblem(api.get(base, "cursor", "yesterday"), 400, "invalid-cursor");
		assertProblem(api.get(base, "limit", "0"), 400, "invalid-limit");
		assertThat(api.get(base + "/not-a-uuid").status()).isEqualTo(400);
		assertProblem(api.get(base + "/" + UUID.randomUUID()), 404, "not-found");
		assertProblem(stranger.get(base + "/" + delivery), 404, "not-found");
		assertProblem(stranger.post(base + "/" + delivery + "/replay", ""), 404, "not-found");
		assertProblem(api.post("/api/v1/webhooks/endpoints/" + endpoint + "/test", "{\"type\":\"nope\"}"), 400,
				"unknown-event-type");
		assertThat(fixtures.api(account, "webhooks:read").post(base + "/" + delivery + "/replay", "").status())
			.isEqualTo(403);

		hooks.jdbc().sql("UPDATE webhook_endpoints SET enabled = FALSE WHERE id = ?").param(endpoint).update();
		assertProblem(api.post(base + "/" + delivery + "/replay", ""), 409, "endpoint-disabled");
	}

	private static void assertProblem(Api.Response response, int status, String type) {
		assertThat(response.status()).isEqualTo(status);
		assertThat(response.body().path("type").asText()).endsWith("/" + type);
		assertThat(response.body().path("detail").asText()).isNotBlank();
	}

}
