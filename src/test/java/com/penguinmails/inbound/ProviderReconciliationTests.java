package com.penguinmails.inbound;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.inbound.InboundFixtures.Sender;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.TransportSettings;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.ProviderApis;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reconciliation against WireMock speaking Mailgun's Events API and Postmark's Bounces
 * API (their documented shapes): an event no webhook delivered is handled like the
 * webhook's (bounce stored, address suppressed) and said as found by reconciliation;
 * reading it again, or an event the webhook delivered, does nothing; pages are followed;
 * mail that is not ours is not kept; refused credentials are said in words.
 */
@IntegrationTest
class ProviderReconciliationTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Autowired
	InboundFixtures setup;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	ProviderReconciliations reconciliations;

	WireMockServer wiremock = ProviderApis.shared();

	@AfterEach
	void reset() {
		wiremock.resetAll();
	}

	record Sent(Sender sender, Campaign campaign, String to, UUID outboxId, String providerId) {
	}

	/** A campaign message sent for real, then its mailbox moved to {@code transport}. */
	private Sent sent(String name, TransportSettings transport) {
		Sender sender = setup.sender(name);
		String to = "ada-" + UUID.randomUUID().toString().substring(0, 6) + "@client.test";
		Campaign campaign = setup.sendTo(sender, to);
		UUID outboxId = setup.outboxId(campaign);
		String providerId = UUID.randomUUID().toString();
		fixtures.jdbc().sql("UPDATE outbox SET queue_id = ? WHERE id = ?").params(providerId, outboxId).update();
		mailboxes.setTransport(sender.account().owner(), sender.mailbox().id(), transport);
		return new Sent(sender, campaign, to, outboxId, providerId);
	}

	private static ObjectNode mailgunFailure(String eventId, String recipient, String providerId) {
		ObjectNode event = JSON.createObjectNode()
			.put("event", "failed")
			.put("id", eventId)
			.put("timestamp", Instant.now().getEpochSecond())
			.put("severity", "permanent")
			.put("reason", "bounce")
			.put("recipient", recipient);
		event.putObject("delivery-status")
			.put("code", 550)
			.put("enhanced-code", "5.1.1")
			.put("message", "5.1.1 The email account that you tried to reach does not exist.")
			.put("mx-host", "mx.client.test");
		event.putObject("message").putObject("headers").put("message-id", providerId).put("to", recipient);
		return event;
	}

	private static String page(ArrayNode items, String next) {
		ObjectNode page = JSON.createObjectNode();
		page.set("items", items);
		page.putObject("paging").put("next", next).put("previous", ProviderApis.base() + "/unused");
		return page.toString();
	}

	private long count(String sql, Object... params) {
		return fixtures.jdbc().sql(sql).params(params).query(Long.class).single();
	}

	@Test
	void aMailgunBounceNoWebhookDeliveredIsHandledOnceAcrossPages() {
		String domain = "mg-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
		Sent sent = sent("reconcile-mailgun",
				new TransportSettings("mailgun", null, null, "key-private-1", domain, "us", null, null));
		String path = "/mailgun-us/v3/" + domain + "/events";
		ArrayNode first = JSON.createArrayNode()
			.add(mailgunFailure("ev-" + UUID.randomUUID(), sent.to(), sent.providerId()))
			// Another system's mail on the same domain: not ours, not kept.
			.add(mailgunFailure("ev-" + UUID.randomUUID(), "someone@else.test", "not-ours@mailgun"));
		wiremock.stubFor(get(urlPathEqualTo(path)).withQueryParam("ascending", equalTo("yes"))
			.withBasicAuth("api", "key-private-1")
			.willReturn(okJson(page(first, ProviderApis.base() + path + "/page2"))));
		wiremock.stubFor(get(urlPathEqualTo(path + "/page2"))
			.willReturn(okJson(page(JSON.createArrayNode(), ProviderApis.base() + path + "/page3"))));
		UUID workspace = sent.sender().account().workspaceId();
		long before = count("SELECT count(*) FROM provider_events WHERE workspace_id = ?", workspace);

		assertThat(reconciliations.reconcileNow(sent.sender().account().owner()).missed()).isEqualTo(1);

		assertThat(count("SELECT count(*) FROM inbound_messages WHERE outbox_id = ? AND kind = 'bounce' "
				+ "AND bounce_type = 'hard' AND folder = 'provider:mailgun'", sent.outboxId()))
			.isEqualTo(1);
		assertThat(fixtures.jdbc()
			.sql("SELECT reason FROM suppressions WHERE workspace_id = ? AND value = ?")
			.params(workspace, sent.to())
			.query(String.class)
			.single()).isEqualTo("hard_bounce");
		assertThat(count("SELECT count(*) FROM provider_events WHERE workspace_id = ?", workspace) - before)
			.as("only our message's event is kept")
			.isEqualTo(1);
		assertThat(fixtures.jdbc()
			.sql("SELECT detail FROM provider_events WHERE outbox_id = ?")
			.param(sent.outboxId())
			.query(String.class)
			.single()).startsWith("Found by reconciliation (no webhook said it): hard bounce");
		wiremock.verify(getRequestedFor(urlPathEqualTo(path + "/page2")));

		// Read again (the overlap): nothing new.
		assertThat(reconciliations.reconcileNow(sent.sender().account().owner()))
			.isEqualTo(new ProviderReconciliations.Outcome(1, 1, 0, 0));
		assertThat(
				count("SELECT count(*) FROM inbound_messages WHERE outbox_id = ? AND kind = 'bounce'", sent.outboxId()))
			.isEqualTo(1);
		List<ProviderReconciliations.Reconciliation> list = reconciliations.list(sent.sender().account().owner());
		assertThat(list).singleElement().satisfies(r -> {
			assertThat(r.provider()).isEqualTo("mailgun");
			assertThat(r.label()).contains(sent.sender().mailbox().email());
			assertThat(r.lastError()).isNull();
			assertThat(r.eventsRead()).isEqualTo(2);
			assertThat(r.missed()).isZero();
			assertThat(r.missedTotal()).isEqualTo(1);
		});
	}

	@Test
	void aPostmarkComplaintIsHandledAndABounceTheWebhookDeliveredIsLeftAlone() {
		Sent sent = sent("reconcile-postmark", new TransportSettings("postmark", "pm-token-" + UUID.randomUUID(),
				"outbound", null, null, null, null, null));
		UUID workspace = sent.sender().account().workspaceId();
		long bounceId = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
		// The webhook delivered bounce `bounceId` already (stored under Postmark's event
		// key).
		fixtures.jdbc()
			.sql("INSERT INTO provider_events (id, workspace_id, provider, event, event_key, provider_message_id, "
					+ "outcome, detail, body, received_at) VALUES (?, ?, 'postmark', 'bounced', ?, ?, 'handled', "
					+ "'by the webhook', '{}', now())")
			.params(UUID.randomUUID(), workspace, "Bounce:" + bounceId, sent.providerId())
			.update();
		ArrayNode bounces = JSON.createArrayNode();
		bounces.addObject()
			.put("ID", bounceId)
			.put("Type", "HardBounce")
			.put("MessageID", sent.providerId())
			.put("Email", sent.to())
			.put("Details", "smtp;550 5.1.1 unknown user");
		bounces.addObject()
			.put("ID", bounceId + 1)
			.put("Type", "SpamComplaint")
			.put("MessageID", sent.providerId())
			.put("Email", sent.to());
		ObjectNode body = JSON.createObjectNode().put("TotalCount", 2);
		body.set("Bounces", bounces);
		wiremock.stubFor(get(urlPathEqualTo("/postmark/bounces")).withQueryParam("offset", equalTo("0"))
			.willReturn(okJson(body.toString())));

		assertThat(reconciliations.reconcileNow(sent.sender().account().owner()).missed()).isEqualTo(1);

		assertThat(count("SELECT count(*) FROM inbound_messages WHERE outbox_id = ? AND kind = 'complaint'",
				sent.outboxId()))
			.isEqualTo(1);
		assertThat(
				count("SELECT count(*) FROM inbound_messages WHERE outbox_id = ? AND kind = 'bounce'", sent.outboxId()))
			.as("the webhook's bounce is not handled again")
			.isZero();
		assertThat(count("SELECT count(*) FROM provider_events WHERE workspace_id = ? AND event_key = ?", workspace,
				"SpamComplaint:" + (bounceId + 1)))
			.isEqualTo(1);
	}

	@Test
	void refusedCredentialsAreSaidInWordsAndTheReadIsTriedAgainLater() {
		String domain = "mg-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
		Sent sent = sent("reconcile-refused",
				new TransportSettings("mailgun", null, null, "key-wrong", domain, "us", null, null));
		wiremock.stubFor(get(urlPathEqualTo("/mailgun-us/v3/" + domain + "/events"))
			.willReturn(aResponse().withStatus(401).withBody("Forbidden")));

		assertThat(reconciliations.reconcileNow(sent.sender().account().owner()))
			.isEqualTo(new ProviderReconciliations.Outcome(1, 0, 1, 0));

		assertThat(reconciliations.list(sent.sender().account().owner())).singleElement().satisfies(r -> {
			assertThat(r.lastError()).isEqualTo("Mailgun refused the credentials (HTTP 401): Forbidden");
			assertThat(r.failedAt()).isNotNull();
			assertThat(r.lastRunAt()).as("no read has worked").isNull();
			assertThat(r.readUntil()).as("the position stays").isNull();
			assertThat(r.nextRunAt()).isAfter(Instant.now());
		});
	}

}
