package com.penguinmails.webhooks;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.webhooks.internal.CatalogueEvent;
import com.penguinmails.webhooks.internal.WebhookEventLog;

import static com.penguinmails.webhooks.EndpointsApiTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Zapier-style REST hooks: subscribe, samples, unsubscribe, only their own kind. */
@IntegrationTest
class RestHooksApiTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	WebhookEventLog log;

	@Autowired
	ObjectMapper json;

	@Test
	void subscribeListAndUnsubscribe() throws Exception {
		Account account = fixtures.verifiedAccount("hooks-sub");
		Api api = fixtures.api(account, "webhooks:read", "webhooks:write");
		Api.Response subscribed = api.post("/api/v1/hooks",
				"{\"target_url\": \"https://hooks.zapier.com/hooks/standard/1/abc\", \"event\": \"message.replied\"}");
		assertThat(subscribed.status()).isEqualTo(201);
		String id = subscribed.body().path("id").asText();
		assertThat(subscribed.body().path("target_url").asText())
			.isEqualTo("https://hooks.zapier.com/hooks/standard/1/abc");
		assertThat(subscribed.body().path("event").asText()).isEqualTo("message.replied");
		assertThat(subscribed.body().path("secret").asText()).startsWith("whsec_");

		assertThat(api.get("/api/v1/hooks").body()).singleElement().satisfies(h -> {
			assertThat(h.path("id").asText()).isEqualTo(id);
			assertThat(h.has("secret")).isFalse();
		});
		JsonNodeAssert.kindOf(api, id, "rest_hook");

		assertThat(api.delete("/api/v1/hooks/" + id).status()).isEqualTo(204);
		assertThat(api.get("/api/v1/hooks").body()).isEmpty();
		assertThat(api.delete("/api/v1/hooks/" + id).status()).isEqualTo(404);
	}

	@Test
	void unsubscribeTouchesOnlyRestHooksOfTheWorkspace() throws Exception {
		Account account = fixtures.verifiedAccount("hooks-kind");
		Account stranger = fixtures.verifiedAccount("hooks-stranger");
		Api api = fixtures.api(account, "webhooks:read", "webhooks:write");
		String endpoint = api.post(EndpointsApiTests.BASE, EndpointsApiTests.BODY)
			.body()
			.path("endpoint")
			.path("id")
			.asText();
		assertThat(api.delete("/api/v1/hooks/" + endpoint).status()).isEqualTo(404);
		assertThat(api.get(EndpointsApiTests.BASE + "/" + endpoint).status()).isEqualTo(200);

		String hook = api
			.post("/api/v1/hooks", "{\"target_url\": \"https://hook.eu1.make.com/x\", \"event\": \"message.sent\"}")
			.body()
			.path("id")
			.asText();
		Api strangers = fixtures.api(stranger, "webhooks:read", "webhooks:write");
		assertThat(strangers.delete("/api/v1/hooks/" + hook).status()).isEqualTo(404);
		assertThat(strangers.get("/api/v1/hooks").body()).isEmpty();
		assertThat(fixtures.api(account, "webhooks:read").delete("/api/v1/hooks/" + hook).status()).isEqualTo(403);
		assertThat(api.get("/api/v1/hooks").body()).hasSize(1);
	}

	@Test
	void badSubscriptionsAreProblems() throws Exception {
		Account account = fixtures.verifiedAccount("hooks-bad");
		Api api = fixtures.api(account, "webhooks:read", "webhooks:write");
		assertProblem(api.post("/api/v1/hooks", "{\"target_url\": \"https://x.example.org/\", \"event\": \"nope\"}"),
				400, "invalid-event-type");
		assertProblem(api.post("/api/v1/hooks", "{\"event\": \"message.sent\"}"), 400, "invalid-url");
		assertProblem(api.get("/api/v1/hooks/samples/nope"), 400, "invalid-event-type");
		Api.Response missing = api.post("/api/v1/hooks", "{\"target_url\": \"https://x.example.org/\"}");
		assertProblem(missing, 400, "invalid-event-type");
		assertThat(missing.body().path("detail").asText()).startsWith("event is required");
		assertThat(api.delete("/api/v1/hooks/not-a-uuid").status()).isEqualTo(400);
	}

	@Test
	void samplesAreTheLatestRealEventsElseTheCatalogueSample() throws Exception {
		Account account = fixtures.verifiedAccount("hooks-samples");
		Api api = fixtures.api(account, "webhooks:read", "webhooks:write");
		Api.Response catalogue = api.get("/api/v1/hooks/samples/message.replied");
		assertThat(catalogue.status()).isEqualTo(200);
		assertThat(catalogue.body().isArray()).isTrue();
		assertThat(catalogue.body()).singleElement()
			.satisfies(s -> assertThat(s.path("type").asText()).isEqualTo("message.replied"));

		api.post("/api/v1/hooks", "{\"target_url\": \"https://x.example.org/\", \"event\": \"message.replied\"}");
		Instant at = Instant.parse("2026-11-30T10:00:00Z");
		for (int i = 1; i <= 4; i++) {
			log.append(
					new CatalogueEvent(account.workspaceId(), "message.replied", "message.replied:" + UUID.randomUUID(),
							null, at.plusSeconds(i), json.createObjectNode().put("n", i)));
		}
		Api.Response real = api.get("/api/v1/hooks/samples/message.replied");
		assertThat(real.body()).extracting(s -> s.path("data").path("n").asInt()).containsExactly(4, 3, 2);
		assertThat(fixtures.api(fixtures.verifiedAccount("hooks-other"), "webhooks:read")
			.get("/api/v1/hooks/samples/message.replied")
			.body()).singleElement().satisfies(s -> assertThat(s.path("data").has("n")).isFalse());
	}

	/** Reads an endpoint's kind through the endpoints API. */
	static final class JsonNodeAssert {

		static void kindOf(Api api, String id, String kind) throws Exception {
			assertThat(api.get(EndpointsApiTests.BASE + "/" + id).body().path("kind").asText()).isEqualTo(kind);
		}

	}

}
