package com.penguinmails.webhooks.internal.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.alerts.Alert;
import com.penguinmails.alerts.Alerts;
import com.penguinmails.shared.NetworkPolicy;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebhookReceiver;
import com.penguinmails.support.WebhookReceiver.Answer;
import com.penguinmails.webhooks.internal.endpoints.EndpointSettings;
import com.penguinmails.webhooks.internal.filter.EventFilter;
import com.penguinmails.webhooks.internal.filter.PayloadTransform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The senders against a real HTTP receiver that checks every signature with its own
 * implementation: signing and rotation, the retry schedule, 410, 429, timeouts, the SSRF
 * guard, leases, two senders at once and per-key order. Rounds run with the instants the
 * tests choose; nothing sleeps to move time.
 */
@IntegrationTest
class WebhookSenderTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	DeliveryFixtures hooks;

	@Autowired
	WebhookSender sender;

	@Autowired
	SenderStore store;

	@Autowired
	GuardedHttp http;

	@Autowired
	EventFilter filter;

	@Autowired
	PayloadTransform transform;

	@Autowired
	EndpointDisabler disabler;

	@Autowired
	OutcomeWriter writer;

	@Autowired
	WebhookDeliveryProperties properties;

	@Autowired
	EndpointSettings settings;

	@Autowired
	ObjectMapper json;

	@Autowired
	NetworkPolicy policy;

	@Autowired
	Alerts alerts;

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
	void signsWithEveryLiveSecretV1AndV1aDuringARotation() {
		UUID workspace = fixtures.verifiedAccount("webhook-sign").workspaceId();
		String old = DeliveryFixtures.whsec();
		String fresh = DeliveryFixtures.whsec();
		Ed25519Keys.Generated keys = Ed25519Keys.generate();
		UUID endpoint = hooks.endpoint(workspace, receiver.url("/hook"), old);
		// A rotation: the old secret signs until it expires, beside the new one.
		hooks.secret(endpoint, "hmac", fresh, null, Instant.now().plus(Duration.ofHours(24)));
		hooks.secret(endpoint, "ed25519", keys.privatePkcs8Base64(), keys.publicWhpk(), null);
		hooks.secret(endpoint, "hmac", DeliveryFixtures.whsec(), null, Instant.now().minusSeconds(60));
		receiver.hmac(old).hmac(fresh).ed25519(keys.publicWhpk());
		UUID event = hooks.event(workspace, "message.bounced", null);

		Instant now = Instant.now();
		sender.round(now);

		assertThat(receiver.received()).hasSize(1);
		WebhookReceiver.Received request = receiver.received().get(0);
		assertThat(request.webhookId()).isEqualTo(event.toString());
		assertThat(request.timestamp()).isEqualTo(now.getEpochSecond());
		assertThat(request.signatures()).as("two live HMAC secrets and one ed25519 key; the expired one signs not")
			.isEqualTo(3);
		assertThat(request.validV1()).isEqualTo(2);
		assertThat(request.validV1a()).isEqualTo(1);
		assertThat(request.headers().get("Content-type")).containsExactly("application/json");
		assertThat(request.headers().get("User-agent")).containsExactly("PenguinMails-Webhooks/1");
		assertThat(request.body()).contains("\"type\":\"message.bounced\"");
		UUID delivery = hooks.delivery(event);
		assertThat(hooks.status(delivery)).isEqualTo("delivered");
		assertThat(hooks.errors(delivery)).containsExactly("HTTP 200");
	}

	@Test
	void failsThenSucceedsOnTheSchedulesSpacing() {
		UUID workspace = fixtures.verifiedAccount("webhook-retry").workspaceId();
		String secret = DeliveryFixtures.whsec();
		UUID endpoint = hooks.endpoint(workspace, receiver.url("/hook"), secret);
		receiver.hmac(secret).then(Answer.status(500), Answer.status(502), Answer.status(503));
		UUID delivery = hooks.delivery(hooks.event(workspace, "message.opened", null));

		Instant t0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
		sender.round(t0);
		assertThat(hooks.nextAttemptAt(delivery)).as("the second attempt is immediate").isBeforeOrEqualTo(t0);
		sender.round(t0);
		Instant third = hooks.nextAttemptAt(delivery);
		assertThat(third).isBetween(t0.plusMillis(4500), t0.plusMillis(5500));
		sender.round(t0.plusSeconds(4));
		assertThat(receiver.received()).as("not due yet").hasSize(2);
		sender.round(third);
		Instant fourth = hooks.nextAttemptAt(delivery);
		assertThat(fourth).isBetween(third.plus(Duration.ofSeconds(270)), third.plus(Duration.ofSeconds(330)));
		assertThat(hooks.jdbc()
			.sql("SELECT failing_since IS NOT NULL FROM webhook_endpoints WHERE id = ?")
			.param(endpoint)
			.query(Boolean.class)
			.single()).isTrue();
		sender.round(fourth);

		assertThat(hooks.status(delivery)).isEqualTo("delivered");
		assertThat(hooks.errors(delivery)).containsExactly("HTTP 500", "HTTP 502", "HTTP 503", "HTTP 200");
		assertThat(receiver.received()).allMatch(WebhookReceiver.Received::allSignaturesValid);
		assertThat(new HashSet<>(receiver.ids())).as("the same webhook-id on every retry").hasSize(1);
		assertThat(hooks.jdbc()
			.sql("SELECT failing_since IS NULL FROM webhook_endpoints WHERE id = ?")
			.param(endpoint)
			.query(Boolean.class)
			.single()).isTrue();
	}

	@Test
	void goneDisablesTheEndpointFailsItsQueueAlertsAndEmailsTheAdmins() {
		Fixtures.Account account = fixtures.verifiedAccount("webhook-gone");
		UUID workspace = account.workspaceId();
		UUID endpoint = hooks.endpoint(workspace, receiver.url("/gone"), DeliveryFixtures.whsec());
		receiver.then(Answer.status(410));
		UUID first = hooks.delivery(hooks.event(workspace, "message.sent", "contact-a"));
		UUID second = hooks.delivery(hooks.event(workspace, "message.sent", "contact-a"));

		sender.round(Instant.now());

		assertThat(hooks.status(first)).isEqualTo("failed");
		assertThat(hooks.status(second)).isEqualTo("failed");
		assertThat(hooks.jdbc()
			.sql("SELECT enabled, disabled_reason FROM webhook_endpoints WHERE id = ?")
			.param(endpoint)
			.query((rs, i) -> rs.getBoolean(1) + " " + rs.getString(2))
			.single()).isEqualTo("false The endpoint answered 410 Gone.");
		await().untilAsserted(() -> assertThat(alerts.recent(account.owner(), 10)).extracting(Alert::title)
			.containsExactly("Webhook endpoint at 127.0.0.1 was disabled"));
		await().untilAsserted(() -> assertThat(fixtures.mailsTo(account.email())).isPositive());
	}

	@Test
	void anEndpointFailingForFiveDaysIsDisabled() {
		Fixtures.Account account = fixtures.verifiedAccount("webhook-five-days");
		UUID endpoint = hooks.endpoint(account.workspaceId(), receiver.url("/down"), DeliveryFixtures.whsec());
		hooks.jdbc()
			.sql("UPDATE webhook_endpoints SET failing_since = ? WHERE id = ?")
			.params(java.sql.Timestamp.from(Instant.now().minus(Duration.ofDays(5)).minusSeconds(1)), endpoint)
			.update();
		receiver.then(Answer.status(500));
		UUID delivery = hooks.delivery(hooks.event(account.workspaceId(), "message.sent", null));

		sender.round(Instant.now());

		assertThat(hooks.status(delivery)).isEqualTo("failed");
		assertThat(hooks.jdbc()
			.sql("SELECT enabled FROM webhook_endpoints WHERE id = ?")
			.param(endpoint)
			.query(Boolean.class)
			.single()).isFalse();
		await().untilAsserted(() -> assertThat(alerts.recent(account.owner(), 10)).hasSize(1));
	}

	@Test
	void honoursRetryAfterOfA429() {
		UUID workspace = fixtures.verifiedAccount("webhook-429").workspaceId();
		hooks.endpoint(workspace, receiver.url("/busy"), DeliveryFixtures.whsec());
		receiver.then(Answer.retryAfter(429, "120"));
		UUID delivery = hooks.delivery(hooks.event(workspace, "message.clicked", null));

		Instant now = Instant.now();
		sender.round(now);

		assertThat(hooks.status(delivery)).isEqualTo("pending");
		// The schedule says "immediately"; the receiver asked for two minutes.
		assertThat(hooks.nextAttemptAt(delivery)).isAfterOrEqualTo(now.plusSeconds(120).minusMillis(1));
	}

	@Test
	void aReceiverThatHangsTimesOut() {
		UUID workspace = fixtures.verifiedAccount("webhook-hang").workspaceId();
		hooks.endpoint(workspace, receiver.url("/slow"), DeliveryFixtures.whsec());
		receiver.then(Answer.hang(4000));
		UUID delivery = hooks.delivery(hooks.event(workspace, "message.sent", null));

		sender.round(Instant.now());

		assertThat(hooks.errors(delivery)).singleElement().asString().startsWith("Timed out after 1000 ms");
		assertThat(hooks.status(delivery)).isEqualTo("pending");
	}

	@Test
	void refusesLoopbackAndPrivateTargetsUnlessAllowed() throws Exception {
		UUID workspace = fixtures.verifiedAccount("webhook-ssrf").workspaceId();
		try (WebhookReceiver inside = WebhookReceiver.start("127.0.0.2")) {
			hooks.endpoint(workspace, inside.url("/internal"), DeliveryFixtures.whsec());
			hooks.endpoint(workspace, "http://10.1.2.3:8080/metadata", DeliveryFixtures.whsec());
			UUID event = hooks.event(workspace, "message.sent", null);
			List<UUID> deliveries = hooks.jdbc()
				.sql("SELECT id FROM webhook_deliveries WHERE event_id = ? ORDER BY endpoint_id")
				.param(event)
				.query(UUID.class)
				.list();

			sender.round(Instant.now());

			assertThat(inside.received()).isEmpty();
			for (UUID delivery : deliveries) {
				assertThat(hooks.errors(delivery)).singleElement().asString().startsWith("Refused: ");
			}
			assertThat(hooks.errors(deliveries.get(0)) + " " + hooks.errors(deliveries.get(1))).contains("loopback")
				.contains("private");

			policy.allow("127.0.0.2", inside.port());
			sender.round(Instant.now().plusSeconds(1));
			assertThat(inside.received()).hasSize(1);
		}
	}

	@Test
	void aDeliveryWhoseSenderDiedIsSentOnceItsLeaseRunsOut() {
		UUID workspace = fixtures.verifiedAccount("webhook-lease").workspaceId();
		hooks.endpoint(workspace, receiver.url("/hook"), DeliveryFixtures.whsec());
		UUID delivery = hooks.delivery(hooks.event(workspace, "message.sent", null));
		Instant now = Instant.now();
		// A node claims it and dies before sending.
		assertThat(store.claim(now, now.plus(properties.lease()), 1000)).extracting(SenderStore.Claimed::id)
			.contains(delivery);

		WebhookSender restarted = newSender();
		try {
			restarted.round(now.plusSeconds(1));
			assertThat(receiver.received()).as("the lease holds").isEmpty();
			restarted.round(now.plus(properties.lease()).plusSeconds(1));
			assertThat(receiver.received()).hasSize(1);
			assertThat(hooks.status(delivery)).isEqualTo("delivered");
		}
		finally {
			restarted.destroy();
		}
	}

	@Test
	void twoSendersOnOneDatabaseDeliverEachEventOnce() {
		UUID workspace = fixtures.verifiedAccount("webhook-two-nodes").workspaceId();
		hooks.endpoint(workspace, receiver.url("/hook"), DeliveryFixtures.whsec());
		List<UUID> events = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			events.add(hooks.event(workspace, "message.opened", i % 3 == 0 ? null : "contact-" + (i % 40)));
		}
		WebhookSender other = newSender();
		try {
			Instant now = Instant.now().plusSeconds(1);
			CompletableFuture<Void> a = CompletableFuture.runAsync(() -> drain(sender, now));
			CompletableFuture<Void> b = CompletableFuture.runAsync(() -> drain(other, now));
			CompletableFuture.allOf(a, b).join();
		}
		finally {
			other.destroy();
		}
		assertThat(receiver.ids()).hasSize(300).doesNotHaveDuplicates();
		assertThat(receiver.ids()).containsExactlyInAnyOrderElementsOf(events.stream().map(UUID::toString).toList());
	}

	@Test
	void deliveriesOfOneKeyWaitWhileTheFirstIsRetrying() {
		UUID workspace = fixtures.verifiedAccount("webhook-order").workspaceId();
		hooks.endpoint(workspace, receiver.url("/hook"), DeliveryFixtures.whsec());
		UUID first = hooks.event(workspace, "message.sent", "contact-1");
		UUID second = hooks.event(workspace, "message.opened", "contact-1");
		UUID other = hooks.event(workspace, "message.sent", "contact-2");
		receiver.otherwise(r -> r.webhookId().equals(first.toString()) ? Answer.status(500) : Answer.ok());

		Instant now = Instant.now();
		sender.round(now);
		sender.round(now.plusSeconds(10));
		assertThat(receiver.ids()).as("the first retried, the other key went, the second waits")
			.containsExactlyInAnyOrder(first.toString(), first.toString(), other.toString());

		receiver.otherwise(r -> Answer.ok());
		sender.round(now.plus(Duration.ofMinutes(10)));
		sender.round(now.plus(Duration.ofMinutes(10)));
		List<String> ids = receiver.ids();
		assertThat(ids.subList(ids.size() - 2, ids.size())).containsExactly(first.toString(), second.toString());
	}

	@Test
	void deliveriesOfOneKeyGoInTheOrderTheirEventsOccurredNotTheOrderTheyWereAppended() {
		UUID workspace = fixtures.verifiedAccount("webhook-occurred").workspaceId();
		hooks.endpoint(workspace, receiver.url("/hook"), DeliveryFixtures.whsec());
		Instant created = Instant.now().minusSeconds(1);
		// The catalogue's listeners run apart: the later change may be appended first.
		UUID updated = hooks.event(workspace, "contact.updated", "contact-1", created.plusMillis(5));
		UUID first = hooks.event(workspace, "contact.created", "contact-1", created);

		Instant now = Instant.now();
		sender.round(now);
		sender.round(now);
		assertThat(receiver.ids()).containsExactly(first.toString(), updated.toString());
	}

	@Test
	void anEventTheFilterRefusesIsFilteredWithoutARequest() {
		UUID workspace = fixtures.verifiedAccount("webhook-filter").workspaceId();
		UUID endpoint = hooks.endpoint(workspace, receiver.url("/hook"), DeliveryFixtures.whsec());
		hooks.jdbc()
			.sql("UPDATE webhook_endpoints SET filter = ? WHERE id = ?")
			.params("event.type == \"message.bounced\"", endpoint)
			.update();
		UUID opened = hooks.delivery(hooks.event(workspace, "message.opened", null));
		UUID bounced = hooks.delivery(hooks.event(workspace, "message.bounced", null));

		sender.round(Instant.now());

		assertThat(hooks.status(opened)).isEqualTo("filtered");
		assertThat(hooks.errors(opened)).isEmpty();
		assertThat(hooks.status(bounced)).isEqualTo("delivered");
		assertThat(receiver.received()).hasSize(1);
	}

	@Test
	void aFilterThatFailsOnTheEventFailsTheDeliveryAtOnceWithoutBlamingTheEndpoint() {
		UUID workspace = fixtures.verifiedAccount("webhook-filter-error").workspaceId();
		UUID endpoint = hooks.endpoint(workspace, receiver.url("/hook"), DeliveryFixtures.whsec());
		hooks.jdbc()
			.sql("UPDATE webhook_endpoints SET filter = ? WHERE id = ?")
			.params("int(event.type) > 0", endpoint)
			.update();
		UUID delivery = hooks.delivery(hooks.event(workspace, "message.opened", null));

		sender.round(Instant.now());

		assertThat(hooks.status(delivery)).as("not retried: it would fail the same way").isEqualTo("failed");
		assertThat(hooks.errors(delivery)).singleElement().asString().contains("filter or transformation failed");
		assertThat(receiver.received()).isEmpty();
		assertThat(hooks.jdbc()
			.sql("SELECT failing_since FROM webhook_endpoints WHERE id = ?")
			.param(endpoint)
			.query(java.sql.Timestamp.class)
			.optional()).as("the receiver is not failing").isEmpty();
	}

	@Test
	void plainHttpIsNotSentOnceTheInstallationNoLongerAllowsIt() {
		UUID workspace = fixtures.verifiedAccount("webhook-http-off").workspaceId();
		hooks.endpoint(workspace, receiver.url("/hook"), DeliveryFixtures.whsec());
		UUID delivery = hooks.delivery(hooks.event(workspace, "message.opened", null));
		WebhookSender httpsOnly = newSender(new EndpointSettings(false, 50));
		try {
			httpsOnly.round(Instant.now());
		}
		finally {
			httpsOnly.destroy();
		}

		assertThat(hooks.status(delivery)).isEqualTo("failed");
		assertThat(hooks.errors(delivery)).singleElement().asString().contains("plain http:// is not allowed");
		assertThat(receiver.received()).isEmpty();
	}

	@Test
	void theTransformedBodyIsSentAndSigned() {
		UUID workspace = fixtures.verifiedAccount("webhook-transform").workspaceId();
		String secret = DeliveryFixtures.whsec();
		UUID endpoint = hooks.endpoint(workspace, receiver.url("/hook"), secret);
		receiver.hmac(secret);
		hooks.jdbc()
			.sql("UPDATE webhook_endpoints SET transform = ? WHERE id = ?")
			.params("{\"kind\": .type}", endpoint)
			.update();
		hooks.event(workspace, "message.clicked", null);

		sender.round(Instant.now());

		assertThat(receiver.received()).singleElement().satisfies(r -> {
			assertThat(r.body()).isEqualTo("{\"kind\":\"message.clicked\"}");
			assertThat(r.allSignaturesValid()).as("signed over the transformed body").isTrue();
		});
	}

	private void drain(WebhookSender one, Instant now) {
		for (int idle = 0; idle < 3;) {
			idle = one.round(now) == 0 ? idle + 1 : 0;
		}
	}

	private WebhookSender newSender() {
		return newSender(settings);
	}

	private WebhookSender newSender(EndpointSettings endpointSettings) {
		return new WebhookSender(store, http, filter, transform, disabler, writer, properties, endpointSettings, json);
	}

}
