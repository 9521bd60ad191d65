package com.penguinmails.alerts.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.util.ReflectionTestUtils;

import com.penguinmails.alerts.AlertChannel;
import com.penguinmails.alerts.AlertEvent;
import com.penguinmails.alerts.AlertSettings;
import com.penguinmails.alerts.Alerts;
import com.penguinmails.shared.Tenant;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebhookReceiver;
import com.penguinmails.webhooks.EndpointRequest;
import com.penguinmails.webhooks.WebhookEndpoints;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An alert routed to a webhook channel reaches the workspace's endpoint subscribed to
 * {@code alert.raised} as a signed Standard Webhooks delivery, and its acknowledgement as
 * {@code alert.acknowledged}.
 */
@IntegrationTest
class AlertWebhookTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	AlertRaiser raiser;

	@Autowired
	AlertNotifier notifier;

	@Autowired
	AlertSettings settings;

	@Autowired
	Alerts alerts;

	@Autowired
	WebhookEndpoints endpoints;

	@Autowired
	ApplicationContext context;

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
	void aSubscribedEndpointReceivesAlertRaisedThenAlertAcknowledged() throws Exception {
		Tenant owner = fixtures.verifiedAccount("alert-webhook").owner();
		WebhookEndpoints.Created endpoint = endpoints.create(owner, new EndpointRequest(receiver.url("/alerts"),
				"alerts", List.of("alert.raised", "alert.acknowledged"), null, null, null));
		receiver.hmac(endpoint.secret());
		AlertChannel hooks = settings.addChannel(owner, new AlertSettings.ChannelRequest("Hooks", "webhook", "", ""));
		settings.addRoute(owner, new AlertSettings.RouteRequest("type", "domain.dns_failing", hooks.id(), null));

		UUID id = raiser.raise(owner.workspaceId(), "domain.dns_failing", "critical",
				"hooks.example is failing DNS verification", "A record that verified before no longer does.",
				"/domains");
		notifier.round(Instant.now());
		sendWebhooks();

		assertThat(receiver.received()).hasSize(1);
		WebhookReceiver.Received raised = receiver.received().get(0);
		assertThat(raised.allSignaturesValid()).isTrue();
		JsonNode event = json.readTree(raised.body());
		assertThat(event.get("type").asText()).isEqualTo("alert.raised");
		assertThat(event.at("/data/alert/id").asText()).isEqualTo(id.toString());
		assertThat(event.at("/data/alert/type").asText()).isEqualTo("domain.dns_failing");
		assertThat(event.at("/data/alert/severity").asText()).isEqualTo("critical");
		assertThat(alerts.timeline(owner, id)).extracting(AlertEvent::detail)
			.contains("Webhooks \"Hooks\": alert.raised queued for the subscribed webhook endpoints");

		alerts.acknowledge(owner, id);
		sendWebhooks();

		assertThat(receiver.received()).hasSize(2);
		JsonNode acknowledged = json.readTree(receiver.received().get(1).body());
		assertThat(acknowledged.get("type").asText()).isEqualTo("alert.acknowledged");
		assertThat(acknowledged.at("/data/acknowledged_by").asText()).contains("alert-webhook");
	}

	/** One round of the webhook senders (package-private in webhooks), now. */
	private void sendWebhooks() {
		Object sender = context.getBean("webhookSender");
		ReflectionTestUtils.invokeMethod(sender, "round", Instant.now());
	}

}
