package com.penguinmails.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.inbound.InboundFixtures.Sender;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.ProviderApis;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.penguinmails.inbound.InboundFixtures.deliverRaw;
import static com.penguinmails.inbound.InboundFixtures.dsn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The sending providers' event webhooks, with each provider's documented sample payloads
 * (src/test/resources/providers): signatures checked (Mailgun HMAC with replay checks,
 * Postmark HTTP Basic, SNS signatures v1 and v2 with a certificate served by WireMock),
 * and bounces and complaints taking the same path as a DSN read over IMAP, one bounce per
 * message whichever arrives first.
 */
@IntegrationTest
class ProviderWebhookTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String MAILGUN_KEY = "key-signing-0123456789abcdef";

	@Autowired
	InboundFixtures setup;

	@Autowired
	Fixtures fixtures;

	@Autowired
	InboundSync sync;

	@Autowired
	ProviderWebhooks webhooks;

	@Autowired
	MockMvc mvc;

	record Sent(Sender sender, Campaign campaign, String to, UUID outboxId, String messageId, String providerId) {
	}

	/** A campaign message sent for real (GreenMail), with the id a provider gave it. */
	private Sent sent(String name) {
		Sender sender = setup.sender(name);
		String to = "ada-" + UUID.randomUUID().toString().substring(0, 6) + "@client.test";
		Campaign campaign = setup.sendTo(sender, to);
		UUID outboxId = setup.outboxId(campaign);
		String providerId = UUID.randomUUID().toString();
		fixtures.jdbc().sql("UPDATE outbox SET queue_id = ? WHERE id = ?").params(providerId, outboxId).update();
		return new Sent(sender, campaign, to, outboxId, setup.sentMessageId(campaign), providerId);
	}

	private static String fixture(String name, Map<String, String> values) throws IOException {
		try (InputStream in = ProviderWebhookTests.class.getResourceAsStream("/providers/" + name)) {
			String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			for (Map.Entry<String, String> value : values.entrySet()) {
				text = text.replace("${" + value.getKey() + "}", value.getValue());
			}
			return text;
		}
	}

	private String token(Sent sent) {
		String url = webhooks.endpoints(sent.sender().account().owner()).mailgunUrl();
		return url.substring(url.lastIndexOf('/') + 1);
	}

	private MockHttpServletResponse send(String provider, String token, String body, String authorization)
			throws Exception {
		MockHttpServletRequestBuilder request = post("/webhooks/providers/" + provider + "/" + token)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body);
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return mvc.perform(request).andReturn().getResponse();
	}

	/**
	 * Mailgun's body, signed as Mailgun signs: hex HMAC-SHA256(key, timestamp + token).
	 */
	private static String mailgun(String fixture, Sent sent, String eventId, long timestamp, String nonce, String key)
			throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		String signature = HexFormat.of().formatHex(mac.doFinal((timestamp + nonce).getBytes(StandardCharsets.UTF_8)));
		Map<String, String> values = new LinkedHashMap<>();
		values.put("timestamp", String.valueOf(timestamp));
		values.put("token", nonce);
		values.put("signature", signature);
		values.put("eventId", eventId);
		values.put("recipient", sent.to());
		values.put("messageId", sent.providerId());
		return fixture(fixture, values);
	}

	private long count(String sql, Object... params) {
		return fixtures.jdbc().sql(sql).params(params).query(Long.class).single();
	}

	private String suppression(Sent sent) {
		return fixtures.jdbc()
			.sql("SELECT reason FROM suppressions WHERE workspace_id = ? AND value = ?")
			.params(sent.sender().account().workspaceId(), sent.to())
			.query(String.class)
			.optional()
			.orElse(null);
	}

	private static String nonce() {
		return UUID.randomUUID().toString().replace("-", "") + "0123456789abcdefab";
	}

	@Test
	void aMailgunHardBounceTakesTheDsnPathAndALaterDsnOfTheSameMessageCountsNothing() throws Exception {
		Sent sent = sent("mailgun-bounce");
		webhooks.setMailgunSigningKey(sent.sender().account().owner(), MAILGUN_KEY);
		String eventId = "G9Bn5sl1TC6nu79C8C0bwg-" + UUID.randomUUID();
		String body = mailgun("mailgun-failed-permanent.json", sent, eventId, Instant.now().getEpochSecond(), nonce(),
				MAILGUN_KEY);

		MockHttpServletResponse response = send("mailgun", token(sent), body, null);

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(JSON.readTree(response.getContentAsString()).path("outcome").asText()).isEqualTo("handled");
		Map<String, Object> bounce = fixtures.jdbc()
			.sql("SELECT kind, bounce_type, bounce_status, bounce_reason, folder, unread FROM inbound_messages "
					+ "WHERE outbox_id = ?")
			.param(sent.outboxId())
			.query()
			.singleRow();
		assertThat(bounce).containsEntry("kind", "bounce")
			.containsEntry("bounce_type", "hard")
			.containsEntry("bounce_status", "5.1.1")
			.containsEntry("folder", "provider:mailgun")
			.containsEntry("unread", false);
		assertThat(suppression(sent)).isEqualTo("hard_bounce");
		fixtures.enrolmentEventsHandled();
		assertThat(fixtures.jdbc()
			.sql("SELECT state || ' ' || coalesce(stop_reason, '') FROM enrolments WHERE campaign_id = ?")
			.param(sent.campaign().id())
			.query(String.class)
			.single()).isEqualTo("stopped bounced");
		await().untilAsserted(() -> assertThat(count(
				"SELECT count(*) FROM analytics_events WHERE outbox_id = ? AND kind = 'bounced_hard'", sent.outboxId()))
			.isEqualTo(1));

		// Mailgun retries the same event (same id, a new signature): stored once.
		String again = mailgun("mailgun-failed-permanent.json", sent, eventId, Instant.now().getEpochSecond(), nonce(),
				MAILGUN_KEY);
		assertThat(
				JSON.readTree(send("mailgun", token(sent), again, null).getContentAsString()).path("outcome").asText())
			.isEqualTo("duplicate");

		// The recipient's server also sent a DSN to the mailbox: read, kept, not counted.
		deliverRaw(sent.sender().user(), dsn(sent.sender().mailbox().email(), sent.to(), "failed", "5.1.1",
				"550 5.1.1 <" + sent.to() + ">: User unknown", sent.outboxId(), sent.messageId()));
		assertThat(sync.sync(sent.sender().account().workspaceId(), sent.sender().mailbox().id()).error()).isNull();
		assertThat(
				count("SELECT count(*) FROM inbound_messages WHERE outbox_id = ? AND kind = 'bounce'", sent.outboxId()))
			.isEqualTo(1);
		assertThat(count(
				"SELECT count(*) FROM inbound_messages WHERE workspace_id = ? AND flags LIKE " + "'%duplicate_bounce%'",
				sent.sender().account().workspaceId()))
			.isEqualTo(1);
		fixtures.awaitEvents("EventLog");
		assertThat(count("SELECT count(*) FROM analytics_events WHERE outbox_id = ? AND kind LIKE 'bounced%'",
				sent.outboxId()))
			.isEqualTo(1);
	}

	@Test
	void aDsnReadFirstMakesTheProvidersBounceADuplicate() throws Exception {
		Sent sent = sent("mailgun-after-dsn");
		webhooks.setMailgunSigningKey(sent.sender().account().owner(), MAILGUN_KEY);
		deliverRaw(sent.sender().user(), dsn(sent.sender().mailbox().email(), sent.to(), "failed", "5.1.1",
				"550 5.1.1 <" + sent.to() + ">: User unknown", sent.outboxId(), sent.messageId()));
		assertThat(sync.sync(sent.sender().account().workspaceId(), sent.sender().mailbox().id()).error()).isNull();

		String body = mailgun("mailgun-failed-permanent.json", sent, UUID.randomUUID().toString(),
				Instant.now().getEpochSecond(), nonce(), MAILGUN_KEY);
		MockHttpServletResponse response = send("mailgun", token(sent), body, null);

		assertThat(JSON.readTree(response.getContentAsString()).path("outcome").asText()).isEqualTo("duplicate");
		assertThat(
				count("SELECT count(*) FROM inbound_messages WHERE outbox_id = ? AND kind = 'bounce'", sent.outboxId()))
			.isEqualTo(1);
		assertThat(fixtures.jdbc()
			.sql("SELECT outcome || ': ' || detail FROM provider_events WHERE outbox_id = ?")
			.param(sent.outboxId())
			.query(String.class)
			.single()).isEqualTo("duplicate: This message's bounce was already reported.");
	}

	@Test
	void mailgunRequestsWithABadStaleOrReusedSignatureAreRefusedAndStoreNothing() throws Exception {
		Sent sent = sent("mailgun-signature");
		String token = token(sent);
		long now = Instant.now().getEpochSecond();
		String unsigned = mailgun("mailgun-delivered.json", sent, "e1", now, nonce(), MAILGUN_KEY);
		MockHttpServletResponse noKey = send("mailgun", token, unsigned, null);
		assertThat(noKey.getStatus()).isEqualTo(403);
		assertThat(noKey.getContentType()).isEqualTo("application/problem+json");

		webhooks.setMailgunSigningKey(sent.sender().account().owner(), MAILGUN_KEY);
		MockHttpServletResponse wrongKey = send("mailgun", token,
				mailgun("mailgun-delivered.json", sent, "e2", now, nonce(), "key-someone-else"), null);
		assertThat(wrongKey.getStatus()).isEqualTo(401);
		assertThat(JSON.readTree(wrongKey.getContentAsString()).path("detail").asText())
			.isEqualTo("The Mailgun signature does not match the signing key.");
		MockHttpServletResponse stale = send("mailgun", token,
				mailgun("mailgun-delivered.json", sent, "e3", now - 3600, nonce(), MAILGUN_KEY), null);
		assertThat(stale.getStatus()).isEqualTo(401);
		assertThat(JSON.readTree(stale.getContentAsString()).path("type").asText()).endsWith("/stale-signature");
		String reused = nonce();
		assertThat(send("mailgun", token, mailgun("mailgun-delivered.json", sent, "e4", now, reused, MAILGUN_KEY), null)
			.getStatus()).isEqualTo(200);
		MockHttpServletResponse replay = send("mailgun", token,
				mailgun("mailgun-delivered.json", sent, "e5", now, reused, MAILGUN_KEY), null);
		assertThat(replay.getStatus()).isEqualTo(401);
		assertThat(JSON.readTree(replay.getContentAsString()).path("type").asText()).endsWith("/replayed-signature");
		assertThat(send("mailgun", "no-such-token", unsigned, null).getStatus()).isEqualTo(404);
		// Only the one accepted (delivered) event is stored.
		assertThat(fixtures.jdbc()
			.sql("SELECT event || ' ' || outcome FROM provider_events WHERE workspace_id = ?")
			.param(sent.sender().account().workspaceId())
			.query(String.class)
			.list()).containsExactly("delivered handled");

		// Signed, but not Mailgun's event shape: kept as received, answered 400.
		ObjectNode odd = (ObjectNode) JSON
			.readTree(mailgun("mailgun-delivered.json", sent, "e6", now, nonce(), MAILGUN_KEY));
		odd.remove("event-data");
		odd.put("surprise", true);
		MockHttpServletResponse malformed = send("mailgun", token, odd.toString(), null);
		assertThat(malformed.getStatus()).isEqualTo(400);
		assertThat(fixtures.jdbc()
			.sql("SELECT body FROM provider_events WHERE workspace_id = ? AND outcome = 'malformed'")
			.param(sent.sender().account().workspaceId())
			.query(String.class)
			.single()).contains("\"surprise\":true");
	}

	@Test
	void postmarkPostsWithItsBasicCredentialsOnlyAndItsComplaintSuppresses() throws Exception {
		Sent sent = sent("postmark-hooks");
		ProviderWebhooks.PostmarkCredentials credentials = webhooks
			.newPostmarkCredentials(sent.sender().account().owner());
		assertThat(credentials.url()).contains("://" + credentials.username() + ":" + credentials.password() + "@")
			.contains("/webhooks/providers/postmark/");
		String token = credentials.url().substring(credentials.url().lastIndexOf('/') + 1);
		String basic = "Basic " + Base64.getEncoder()
			.encodeToString((credentials.username() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8));
		String wrong = "Basic " + Base64.getEncoder()
			.encodeToString((credentials.username() + ":guess").getBytes(StandardCharsets.UTF_8));
		Map<String, String> values = Map.of("bounceId", "42", "messageId", sent.providerId(), "recipient", sent.to());
		String complaint = fixture("postmark-spam-complaint.json", values);

		assertThat(send("postmark", token, complaint, null).getStatus()).isEqualTo(401);
		assertThat(send("postmark", token, complaint, wrong).getStatus()).isEqualTo(401);
		assertThat(count("SELECT count(*) FROM provider_events WHERE workspace_id = ?",
				sent.sender().account().workspaceId()))
			.isZero();

		MockHttpServletResponse ok = send("postmark", token, complaint, basic);
		assertThat(ok.getStatus()).isEqualTo(200);
		assertThat(JSON.readTree(ok.getContentAsString()).path("outcome").asText()).isEqualTo("handled");
		assertThat(suppression(sent)).isEqualTo("complaint");
		assertThat(count("SELECT count(*) FROM inbound_messages WHERE outbox_id = ? AND kind = 'complaint'",
				sent.outboxId()))
			.isEqualTo(1);
		await().untilAsserted(() -> assertThat(count(
				"SELECT count(*) FROM analytics_events WHERE outbox_id = ? AND kind = 'complained'", sent.outboxId()))
			.isEqualTo(1));

		// An open is matched but not counted: our own pixel counts opens.
		MockHttpServletResponse open = send("postmark", token,
				fixture("postmark-open.json", Map.of("messageId", sent.providerId(), "recipient", sent.to())), basic);
		assertThat(JSON.readTree(open.getContentAsString()).path("outcome").asText()).isEqualTo("ignored");
	}

	@Test
	void aPostmarkHardBounceIsMatchedByPostmarksMessageIdAndSuppresses() throws Exception {
		Sent sent = sent("postmark-bounce");
		ProviderWebhooks.PostmarkCredentials credentials = webhooks
			.newPostmarkCredentials(sent.sender().account().owner());
		String token = credentials.url().substring(credentials.url().lastIndexOf('/') + 1);
		String basic = "Basic " + Base64.getEncoder()
			.encodeToString((credentials.username() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8));

		MockHttpServletResponse response = send("postmark", token, fixture("postmark-bounce.json",
				Map.of("bounceId", "4323372036854775807", "messageId", sent.providerId(), "recipient", sent.to())),
				basic);

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(fixtures.jdbc()
			.sql("SELECT bounce_type || ' ' || bounce_reason FROM inbound_messages WHERE outbox_id = ?")
			.param(sent.outboxId())
			.query(String.class)
			.single()).startsWith("hard ");
		assertThat(suppression(sent)).isEqualTo("hard_bounce");
		MockHttpServletResponse malformed = send("postmark", token, "{\"RecordType\": \"Bounce\"}", basic);
		assertThat(malformed.getStatus()).isEqualTo(400);
		assertThat(JSON.readTree(malformed.getContentAsString()).path("detail").asText())
			.startsWith("Kept for inspection, not handled:");
	}

	@Test
	void sesEventsComeThroughSignedSnsMessagesOnly() throws Exception {
		Sent sent = sent("ses-hooks");
		String token = token(sent);
		String certPath = "/sns-certs/SimpleNotificationService-" + UUID.randomUUID() + ".pem";
		ProviderApis.shared()
			.stubFor(get(urlPathEqualTo(certPath)).willReturn(ok().withBody(resource("sns-test-cert.pem"))));
		String certUrl = ProviderApis.base() + certPath;
		String subscribePath = "/sns-subscribe/" + UUID.randomUUID();
		ProviderApis.shared()
			.stubFor(get(urlPathEqualTo(subscribePath))
				.willReturn(aResponse().withStatus(200).withBody("<ConfirmSubscriptionResponse/>")));
		String topic = "arn:aws:sns:us-east-1:123456789012:ses-events";

		ObjectNode subscription = JSON.createObjectNode();
		subscription.put("Type", "SubscriptionConfirmation");
		subscription.put("MessageId", UUID.randomUUID().toString());
		subscription.put("Token", "2336412f37fb687f5d51e6e241d09c805a5a57b30d712f794cc5f6a988666d92768dd60a7");
		subscription.put("TopicArn", topic);
		subscription.put("Message", "You have chosen to subscribe to the topic " + topic
				+ ".\nTo confirm the subscription, visit the SubscribeURL included in this message.");
		subscription.put("SubscribeURL", ProviderApis.base() + subscribePath);
		subscription.put("Timestamp", "2012-04-26T20:45:04.751Z");
		sign(subscription, "1", certUrl, "Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn",
				"Type");
		assertThat(send("ses", token, subscription.toString(), null).getStatus()).isEqualTo(200);
		ProviderApis.shared().verify(1, getRequestedFor(urlPathEqualTo(subscribePath)));

		ObjectNode notification = JSON.createObjectNode();
		notification.put("Type", "Notification");
		notification.put("MessageId", UUID.randomUUID().toString());
		notification.put("TopicArn", topic);
		notification.put("Message",
				fixture("ses-bounce.json", Map.of("messageId", sent.providerId(), "recipient", sent.to())));
		notification.put("Timestamp", "2017-08-05T00:41:03.012Z");
		sign(notification, "2", certUrl, "Message", "MessageId", "Timestamp", "TopicArn", "Type");

		ObjectNode tampered = notification.deepCopy();
		tampered.put("Message", notification.path("Message").asText().replace("Permanent", "Transient"));
		MockHttpServletResponse refused = send("ses", token, tampered.toString(), null);
		assertThat(refused.getStatus()).isEqualTo(403);
		assertThat(JSON.readTree(refused.getContentAsString()).path("detail").asText())
			.isEqualTo("The SNS signature does not verify");
		ObjectNode elsewhere = notification.deepCopy();
		elsewhere.put("SigningCertURL", "http://certs.attacker.test/SimpleNotificationService-x.pem");
		assertThat(send("ses", token, elsewhere.toString(), null).getStatus()).isEqualTo(403);
		assertThat(count("SELECT count(*) FROM provider_events WHERE workspace_id = ?",
				sent.sender().account().workspaceId()))
			.isZero();

		MockHttpServletResponse handled = send("ses", token, notification.toString(), null);
		assertThat(handled.getStatus()).isEqualTo(200);
		assertThat(JSON.readTree(handled.getContentAsString()).path("outcome").asText()).isEqualTo("handled");
		assertThat(fixtures.jdbc()
			.sql("SELECT bounce_type || ' ' || bounce_status || ' ' || folder FROM inbound_messages WHERE outbox_id = ?")
			.param(sent.outboxId())
			.query(String.class)
			.single()).isEqualTo("hard 5.1.1 provider:ses");
		assertThat(suppression(sent)).isEqualTo("hard_bounce");
	}

	/**
	 * Signs as SNS does: the listed fields as "name\nvalue\n", v1 SHA1withRSA, v2
	 * SHA256withRSA.
	 */
	private static void sign(ObjectNode message, String version, String certUrl, String... fields) throws Exception {
		StringBuilder canonical = new StringBuilder();
		for (String field : fields) {
			canonical.append(field).append('\n').append(message.path(field).asText()).append('\n');
		}
		String pem = resource("sns-test-key.pem").replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
		PrivateKey key = KeyFactory.getInstance("RSA")
			.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
		Signature signature = Signature.getInstance(version.equals("1") ? "SHA1withRSA" : "SHA256withRSA");
		signature.initSign(key);
		signature.update(canonical.toString().getBytes(StandardCharsets.UTF_8));
		message.put("SignatureVersion", version);
		message.put("Signature", Base64.getEncoder().encodeToString(signature.sign()));
		message.put("SigningCertURL", certUrl);
	}

	private static String resource(String name) throws IOException {
		try (InputStream in = ProviderWebhookTests.class.getResourceAsStream("/providers/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
