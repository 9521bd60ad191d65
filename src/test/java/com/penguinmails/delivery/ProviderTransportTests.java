package com.penguinmails.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.domains.Domain;
import com.penguinmails.domains.Domains;
import com.penguinmails.domains.NewDomain;
import com.penguinmails.mailboxes.ConnectionTest;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.MailboxStatus;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.NewMailbox;
import com.penguinmails.mailboxes.Security;
import com.penguinmails.mailboxes.ServerSettings;
import com.penguinmails.mailboxes.TransportKind;
import com.penguinmails.mailboxes.TransportSettings;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.ProviderApis;
import com.penguinmails.support.TestDnsServer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mailboxes sending through Postmark, Mailgun and Amazon SES instead of SMTP, by the real
 * dispatcher, against WireMock speaking each API's documented request and answer shapes
 * (the providers themselves are not reachable from here).
 */
@IntegrationTest
class ProviderTransportTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Autowired
	Outbox outbox;

	@Autowired
	Dispatcher dispatcher;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	Domains domains;

	@Autowired
	Fixtures fixtures;

	private final WireMockServer api = ProviderApis.shared();

	/** A mailbox of a DKIM-ready domain that sends through {@code transport}. */
	private Mailbox mailbox(Account account, TransportSettings transport) {
		Domain domain = domains.add(account.owner(), new NewDomain(Senders.uniqueDomain("esp"), false, "", ""));
		TestDnsServer.shared().publishZone(domains.zoneSnippet(domains.records(account.owner(), domain.id())));
		String email = "jo@" + domain.name();
		return mailboxes.add(account.owner(),
				new NewMailbox(email, "Jo Sender", "generic",
						transport == null ? new ServerSettings("127.0.0.1", 2525, Security.NONE, email, "smtp-secret")
								: null,
						new ServerSettings("127.0.0.1", 1143, Security.NONE, email, "imap-secret"), "", "", 1000, 0, 0,
						null, transport));
	}

	private Outbox.Queued queue(Account account, Mailbox mailbox, String to, Instant now) {
		String domain = mailbox.email().substring(mailbox.email().indexOf('@') + 1);
		OutgoingMessage message = new OutgoingMessage(account.workspaceId(), UUID.randomUUID(), UUID.randomUUID(), 1, 0,
				mailbox.id(), mailbox.email(), null, to, "Ana", "Quick question, Ana",
				"<html><body><p>Hi Ana</p></body></html>", "Hi Ana", "<first@" + domain + ">",
				"<root@" + domain + "> <first@" + domain + ">");
		return Senders.enqueue(outbox, message, now);
	}

	private String column(UUID outboxId, String column) {
		return fixtures.jdbc()
			.sql("SELECT " + column + " FROM outbox WHERE id = ?")
			.param(outboxId)
			.query(String.class)
			.single();
	}

	private static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void mailgunGetsOurSignedMimeUntouchedAndItsIdBecomesTheQueueId() throws Exception {
		Account account = fixtures.verifiedAccount("esp-mailgun");
		String mgDomain = unique("mg") + ".example.com";
		String key = unique("key");
		Mailbox mailbox = mailbox(account, TransportSettings.mailgun(key, mgDomain, "us"));
		assertThat(mailbox.transport().kind()).isEqualTo(TransportKind.MAILGUN);
		String path = "/mailgun-us/v3/" + mgDomain + "/messages.mime";
		api.stubFor(post(urlPathEqualTo(path)).willReturn(
				okJson("{\"id\": \"<20251201.1234.5678@" + mgDomain + ">\", \"message\": \"Queued. Thank you.\"}")));
		Instant now = Instant.now();
		Outbox.Queued queued = queue(account, mailbox, "ana@recipients.test", now);

		Senders.drain(dispatcher, now);

		assertThat(column(queued.outboxId(), "status")).isEqualTo("sent");
		assertThat(column(queued.outboxId(), "queue_id")).isEqualTo("20251201.1234.5678@" + mgDomain);
		LoggedRequest request = api.findAll(postRequestedFor(urlPathEqualTo(path))).get(0);
		assertThat(request.getHeader("Authorization"))
			.isEqualTo("Basic " + Base64.getEncoder().encodeToString(("api:" + key).getBytes(StandardCharsets.UTF_8)));
		assertThat(request.getHeader("Content-Type")).startsWith("multipart/form-data; boundary=");
		String body = request.getBodyAsString();
		assertThat(body).contains("name=\"to\"\r\n\r\nana@recipients.test\r\n")
			.contains("name=\"message\"; filename=\"message.mime\"")
			.contains("DKIM-Signature: v=1; a=rsa-sha256")
			.contains("Message-ID: " + queued.messageId())
			.contains("In-Reply-To: <first@")
			.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
			.contains("X-PenguinMails-ID: " + queued.outboxId());
		assertThat(column(queued.outboxId(), "dkim_domain")).isEqualTo(mailbox.email().substring(3));
	}

	@Test
	void mailgunsRateLimitAndServerErrorsDeferTheMessageForARetry() {
		Account account = fixtures.verifiedAccount("esp-mailgun-429");
		String mgDomain = unique("mg") + ".example.com";
		Mailbox mailbox = mailbox(account, TransportSettings.mailgun(unique("key"), mgDomain, "eu"));
		api.stubFor(post(urlPathEqualTo("/mailgun-eu/v3/" + mgDomain + "/messages.mime"))
			.withRequestBody(containing("slow@recipients.test"))
			.willReturn(aResponse().withStatus(429).withBody("{\"message\": \"Too many requests\"}")));
		api.stubFor(post(urlPathEqualTo("/mailgun-eu/v3/" + mgDomain + "/messages.mime"))
			.withRequestBody(containing("down@recipients.test"))
			.willReturn(aResponse().withStatus(503).withBody("Service Unavailable")));
		Instant now = Instant.now();
		Outbox.Queued limited = queue(account, mailbox, "slow@recipients.test", now);
		Outbox.Queued down = queue(account, mailbox, "down@recipients.test", now);

		Senders.drain(dispatcher, now);

		assertThat(column(limited.outboxId(), "status")).isEqualTo("deferred");
		assertThat(column(limited.outboxId(), "smtp_reply")).startsWith("421 4.7.0 Mailgun rate limit (HTTP 429)")
			.contains("Too many requests");
		assertThat(column(down.outboxId(), "status")).isEqualTo("deferred");
		assertThat(column(down.outboxId(), "smtp_reply")).startsWith("451 4.3.0").contains("HTTP 503");
	}

	@Test
	void aRecipientMailgunRefusesFailsWithMailgunsWords() {
		Account account = fixtures.verifiedAccount("esp-mailgun-400");
		String mgDomain = unique("mg") + ".example.com";
		Mailbox mailbox = mailbox(account, TransportSettings.mailgun(unique("key"), mgDomain, "us"));
		api.stubFor(post(urlPathEqualTo("/mailgun-us/v3/" + mgDomain + "/messages.mime"))
			.willReturn(aResponse().withStatus(400)
				.withBody("{\"message\": \"'to' parameter is not a valid address. please check documentation\"}")));
		Instant now = Instant.now();
		Outbox.Queued queued = queue(account, mailbox, "nobody@recipients.test", now);

		Senders.drain(dispatcher, now);

		assertThat(column(queued.outboxId(), "status")).isEqualTo("failed");
		assertThat(column(queued.outboxId(), "smtp_reply"))
			.isEqualTo("553 5.1.3 Mailgun refused the recipient: 'to' parameter is not a valid address. "
					+ "please check documentation");
	}

	@Test
	void aBadMailgunKeyPutsTheMailboxInErrorWithWhyInWords() {
		Account account = fixtures.verifiedAccount("esp-mailgun-401");
		String mgDomain = unique("mg") + ".example.com";
		Mailbox mailbox = mailbox(account, TransportSettings.mailgun(unique("bad"), mgDomain, "us"));
		api.stubFor(get(urlPathEqualTo("/mailgun-us/v3/domains/" + mgDomain))
			.willReturn(aResponse().withStatus(401).withBody("Forbidden")));
		api.stubFor(post(urlPathEqualTo("/mailgun-us/v3/" + mgDomain + "/messages.mime"))
			.willReturn(aResponse().withStatus(401).withBody("Forbidden")));
		Instant now = Instant.now();
		Outbox.Queued queued = queue(account, mailbox, "ana@recipients.test", now);

		// A refused key is like a refused SMTP login: the message waits, the third time
		// in a row the mailbox goes in error.
		for (int i = 0; i < 3; i++) {
			Senders.drain(dispatcher, now.plusSeconds(3600L * i));
		}

		assertThat(column(queued.outboxId(), "status")).isNotIn("sent", "failed");
		Mailbox errored = mailboxes.get(account.owner(), mailbox.id());
		assertThat(errored.status()).isEqualTo(MailboxStatus.ERROR);
		assertThat(errored.lastError())
			.isEqualTo("SMTP authentication: Mailgun refused the credentials (HTTP 401): Forbidden");

		ConnectionTest test = mailboxes.test(account.owner(), mailbox.id());
		assertThat(test.smtp().ok()).isFalse();
		assertThat(test.smtp().stage()).isEqualTo("authentication");
		assertThat(test.smtp().message()).startsWith("Mailgun refused the API key (HTTP 401): Forbidden");
		assertThat(mailboxes.get(account.owner(), mailbox.id()).lastError()).startsWith("Mailgun authentication:");
	}

	@Test
	void mailgunsConnectionTestCallsTheDomainAndSaysItsState() {
		Account account = fixtures.verifiedAccount("esp-mailgun-test");
		String mgDomain = unique("mg") + ".example.com";
		String key = unique("key");
		Mailbox mailbox = mailbox(account, TransportSettings.mailgun(key, mgDomain, "us"));
		api.stubFor(get(urlPathEqualTo("/mailgun-us/v3/domains/" + mgDomain)).withBasicAuth("api", key)
			.willReturn(okJson("{\"domain\": {\"name\": \"" + mgDomain + "\", \"state\": \"active\"}, "
					+ "\"receiving_dns_records\": [], \"sending_dns_records\": []}")));

		ConnectionTest.Step step = mailboxes.test(account.owner(), mailbox.id()).smtp();

		assertThat(step.ok()).isTrue();
		assertThat(step.message())
			.isEqualTo("Mailgun accepted the API key; the sending domain " + mgDomain + " is active.");
	}

	@Test
	void postmarkGetsJsonWithOurThreadingAndUnsubscribeHeadersAndItsStream() throws Exception {
		Account account = fixtures.verifiedAccount("esp-postmark");
		String token = unique("pm-token");
		Mailbox mailbox = mailbox(account, TransportSettings.postmark(token, "outbound"));
		String messageId = UUID.randomUUID().toString();
		api.stubFor(
				post(urlPathEqualTo("/postmark/email")).withHeader("X-Postmark-Server-Token", equalTo(token))
					.willReturn(okJson(
							"{\"To\": \"ana@recipients.test\", \"SubmittedAt\": \"2025-12-01T07:25:01.4178645-05:00\", "
									+ "\"MessageID\": \"" + messageId + "\", \"ErrorCode\": 0, \"Message\": \"OK\"}")));
		Instant now = Instant.now();
		Outbox.Queued queued = queue(account, mailbox, "ana@recipients.test", now);

		Senders.drain(dispatcher, now);

		assertThat(column(queued.outboxId(), "status")).isEqualTo("sent");
		assertThat(column(queued.outboxId(), "queue_id")).isEqualTo(messageId);
		LoggedRequest request = api
			.findAll(postRequestedFor(urlPathEqualTo("/postmark/email")).withHeader("X-Postmark-Server-Token",
					equalTo(token)))
			.get(0);
		assertThat(request.getHeader("Content-Type")).startsWith("application/json");
		JsonNode email = JSON.readTree(request.getBodyAsString());
		assertThat(email.path("From").asText()).isEqualTo("Jo Sender <" + mailbox.email() + ">");
		assertThat(email.path("To").asText()).isEqualTo("Ana <ana@recipients.test>");
		assertThat(email.path("Subject").asText()).isEqualTo("Quick question, Ana");
		assertThat(email.path("HtmlBody").asText()).contains("<p>Hi Ana</p>");
		assertThat(email.path("TextBody").asText()).contains("Hi Ana");
		assertThat(email.path("MessageStream").asText()).isEqualTo("outbound");
		assertThat(email.path("TrackOpens").asBoolean()).isFalse();
		java.util.Map<String, String> headers = new java.util.HashMap<>();
		email.path("Headers").forEach(h -> headers.put(h.path("Name").asText(), h.path("Value").asText()));
		assertThat(headers).containsEntry("Message-ID", queued.messageId())
			.containsEntry("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
			.containsEntry("X-PenguinMails-ID", queued.outboxId().toString())
			.containsKey("List-Unsubscribe")
			.containsKey("In-Reply-To")
			.containsKey("References")
			// Postmark signs with DKIM itself.
			.doesNotContainKey("DKIM-Signature");
	}

	@Test
	void postmarksInactiveRecipientFailsTheMessageAndItsServerErrorDefersIt() {
		Account account = fixtures.verifiedAccount("esp-postmark-422");
		String token = unique("pm-token");
		Mailbox mailbox = mailbox(account, TransportSettings.postmark(token, null));
		api.stubFor(post(urlPathEqualTo("/postmark/email")).withHeader("X-Postmark-Server-Token", equalTo(token))
			.withRequestBody(containing("gone@recipients.test"))
			.willReturn(aResponse().withStatus(422)
				.withBody(
						"{\"ErrorCode\": 406, \"Message\": \"You tried to send to recipient(s) that have been marked as "
								+ "inactive. Found inactive addresses: gone@recipients.test.\"}")));
		api.stubFor(post(urlPathEqualTo("/postmark/email")).withHeader("X-Postmark-Server-Token", equalTo(token))
			.withRequestBody(containing("later@recipients.test"))
			.willReturn(
					aResponse().withStatus(500).withBody("{\"ErrorCode\": 1000, \"Message\": \"Internal error\"}")));
		Instant now = Instant.now();
		Outbox.Queued gone = queue(account, mailbox, "gone@recipients.test", now);
		Outbox.Queued later = queue(account, mailbox, "later@recipients.test", now);

		Senders.drain(dispatcher, now);

		assertThat(column(gone.outboxId(), "status")).isEqualTo("failed");
		assertThat(column(gone.outboxId(), "smtp_reply")).startsWith("550 5.1.1 Postmark: inactive recipient")
			.contains("marked as inactive");
		assertThat(column(later.outboxId(), "status")).isEqualTo("deferred");
		assertThat(column(later.outboxId(), "smtp_reply")).contains("HTTP 500").contains("Internal error");
	}

	@Test
	void sesGetsTheRawSignedMimeThroughTheAwsSdk() throws Exception {
		Account account = fixtures.verifiedAccount("esp-ses");
		String keyId = "AKIA" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
		Mailbox mailbox = mailbox(account, TransportSettings.ses(keyId, "secret-" + keyId, "eu-west-1"));
		String messageId = "0102018c" + UUID.randomUUID().toString().replace("-", "") + "-000000";
		api.stubFor(post(urlPathEqualTo("/ses/v2/email/outbound-emails"))
			.withHeader("Authorization", containing("Credential=" + keyId + "/"))
			.withRequestBody(containing("ok@recipients.test"))
			.willReturn(okJson("{\"MessageId\": \"" + messageId + "\"}")));
		api.stubFor(post(urlPathEqualTo("/ses/v2/email/outbound-emails"))
			.withHeader("Authorization", containing("Credential=" + keyId + "/"))
			.withRequestBody(containing("throttled@recipients.test"))
			.willReturn(aResponse().withStatus(429)
				.withHeader("x-amzn-ErrorType", "TooManyRequestsException")
				.withHeader("Content-Type", "application/json")
				.withBody("{\"message\": \"Maximum sending rate exceeded.\"}")));
		api.stubFor(post(urlPathEqualTo("/ses/v2/email/outbound-emails"))
			.withHeader("Authorization", containing("Credential=" + keyId + "/"))
			.withRequestBody(containing("rejected@recipients.test"))
			.willReturn(aResponse().withStatus(400)
				.withHeader("x-amzn-ErrorType", "MessageRejected")
				.withHeader("Content-Type", "application/json")
				.withBody("{\"message\": \"Email address is not verified.\"}")));
		Instant now = Instant.now();
		Outbox.Queued ok = queue(account, mailbox, "ok@recipients.test", now);
		Outbox.Queued throttled = queue(account, mailbox, "throttled@recipients.test", now);
		Outbox.Queued rejected = queue(account, mailbox, "rejected@recipients.test", now);

		Senders.drain(dispatcher, now);

		assertThat(column(ok.outboxId(), "status")).isEqualTo("sent");
		assertThat(column(ok.outboxId(), "queue_id")).isEqualTo(messageId);
		LoggedRequest request = api
			.findAll(postRequestedFor(urlPathEqualTo("/ses/v2/email/outbound-emails"))
				.withRequestBody(containing("ok@recipients.test")))
			.get(0);
		assertThat(request.getHeader("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=" + keyId + "/")
			.contains("/eu-west-1/ses/aws4_request");
		JsonNode body = JSON.readTree(request.getBodyAsString());
		assertThat(body.path("Destination").path("ToAddresses").get(0).asText()).isEqualTo("ok@recipients.test");
		String raw = new String(Base64.getDecoder().decode(body.path("Content").path("Raw").path("Data").asText()),
				StandardCharsets.UTF_8);
		assertThat(raw).contains("DKIM-Signature: v=1; a=rsa-sha256")
			.contains("Message-ID: " + ok.messageId())
			.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
		assertThat(column(throttled.outboxId(), "status")).isEqualTo("deferred");
		assertThat(column(throttled.outboxId(), "smtp_reply")).startsWith("421 4.7.0 Amazon SES rate limit")
			.contains("Maximum sending rate exceeded.");
		assertThat(column(rejected.outboxId(), "status")).isEqualTo("failed");
		assertThat(column(rejected.outboxId(), "smtp_reply")).startsWith("554 5.6.0 Amazon SES refused the message")
			.contains("Email address is not verified.");
	}

	@Test
	void sesAndPostmarkConnectionTestsCallTheirCheapestAuthenticatedEndpoint() {
		Account account = fixtures.verifiedAccount("esp-tests");
		String keyId = "AKIA" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
		Mailbox ses = mailbox(account, TransportSettings.ses(keyId, "secret", "us-east-1"));
		api.stubFor(get(urlPathEqualTo("/ses/v2/email/account"))
			.withHeader("Authorization", containing("Credential=" + keyId + "/"))
			.willReturn(okJson("{\"SendingEnabled\": true, \"ProductionAccessEnabled\": false, "
					+ "\"SendQuota\": {\"Max24HourSend\": 200.0, \"MaxSendRate\": 1.0, \"SentLast24Hours\": 0.0}}")));
		String token = unique("pm-token");
		Mailbox postmark = mailbox(account, TransportSettings.postmark(token, "broadcast"));
		api.stubFor(get(urlPathEqualTo("/postmark/server")).withHeader("X-Postmark-Server-Token", equalTo(token))
			.willReturn(okJson("{\"ID\": 1, \"Name\": \"Outreach\", \"ApiTokens\": [\"" + token + "\"]}")));
		String badToken = unique("pm-bad");
		Mailbox refused = mailbox(account, TransportSettings.postmark(badToken, null));
		api.stubFor(get(urlPathEqualTo("/postmark/server")).withHeader("X-Postmark-Server-Token", equalTo(badToken))
			.willReturn(aResponse().withStatus(401)
				.withBody("{\"ErrorCode\": 10, \"Message\": \"Request does not contain a valid Server token.\"}")));

		ConnectionTest.Step sesStep = mailboxes.test(account.owner(), ses.id()).smtp();
		ConnectionTest.Step postmarkStep = mailboxes.test(account.owner(), postmark.id()).smtp();
		ConnectionTest.Step refusedStep = mailboxes.test(account.owner(), refused.id()).smtp();

		assertThat(sesStep.ok()).isTrue();
		assertThat(sesStep.message())
			.isEqualTo("Amazon SES accepted the access key in us-east-1. The account is in the "
					+ "SES sandbox: it sends only to verified addresses. Quota: 200 a day, 1 a second.");
		assertThat(postmarkStep.ok()).isTrue();
		assertThat(postmarkStep.message()).startsWith("Postmark accepted the server token of the server \"Outreach\".")
			.contains("Message stream: broadcast");
		assertThat(refusedStep.ok()).isFalse();
		assertThat(refusedStep.message())
			.isEqualTo("Postmark refused the server token (HTTP 401): Request does not contain a valid Server token.");
		assertThat(mailboxes.get(account.owner(), refused.id()).status()).isEqualTo(MailboxStatus.ERROR);
	}

	@Test
	void whenMailgunCannotTakeTheBatchItGoesOnThroughTheMailboxsSmtpServerIfAskedTo() throws Exception {
		com.icegreen.greenmail.util.GreenMail smtp = new com.icegreen.greenmail.util.GreenMail(
				new com.icegreen.greenmail.util.ServerSetup(0, "127.0.0.1",
						com.icegreen.greenmail.util.ServerSetup.PROTOCOL_SMTP));
		smtp.start();
		try {
			smtp.setUser("fallback@greenmail.test", Senders.SMTP_LOGIN, Senders.SMTP_PASSWORD);
			Account account = fixtures.verifiedAccount("esp-fallback");
			Mailbox mailbox = Senders.mailbox(mailboxes, account.owner(), "jo@" + Senders.uniqueDomain("fallback"),
					"Jo", smtp.getSmtp().getPort(), "", "");
			String mgDomain = unique("mg") + ".example.com";
			Mailbox switched = mailboxes.setTransport(account.owner(), mailbox.id(),
					TransportSettings.mailgun(unique("key"), mgDomain, "us").withFallbackToSmtp(true));
			assertThat(switched.transport().fallbackToSmtp()).isTrue();
			api.stubFor(post(urlPathEqualTo("/mailgun-us/v3/" + mgDomain + "/messages.mime"))
				.willReturn(aResponse().withStatus(503).withBody("Service Unavailable")));
			Instant now = Instant.now();
			Outbox.Queued first = queue(account, mailbox, "first@recipients.test", now);
			Outbox.Queued second = queue(account, mailbox, "second@recipients.test", now);

			Senders.drain(dispatcher, now);

			assertThat(column(first.outboxId(), "status")).isEqualTo("sent");
			assertThat(column(second.outboxId(), "status")).isEqualTo("sent");
			assertThat(java.util.Arrays.stream(smtp.getReceivedMessages()).map(m -> {
				try {
					return m.getMessageID();
				}
				catch (jakarta.mail.MessagingException ex) {
					return "";
				}
			})).contains(first.messageId(), second.messageId());
			// Mailgun was tried once; the rest of the batch went straight to SMTP.
			assertThat(api.findAll(postRequestedFor(urlPathEqualTo("/mailgun-us/v3/" + mgDomain + "/messages.mime"))))
				.hasSize(1);
		}
		finally {
			smtp.stop();
		}
	}

	@Test
	void theApiSetsATransportWithWriteOnlySecretsAndNamesAMissingField() throws Exception {
		Account account = fixtures.verifiedAccount("esp-api");
		Mailbox mailbox = mailbox(account, null);
		assertThat(mailbox.transport().kind()).isEqualTo(TransportKind.SMTP);
		Api api = fixtures.api(account, "mailboxes:read", "mailboxes:write");

		Api.Response set = api.put("/api/v1/mailboxes/" + mailbox.id() + "/transport",
				"{\"kind\": \"mailgun\", \"apiKey\": \"key-very-secret\", \"domain\": \"mg.example.com\", \"region\": \"eu\"}");
		assertThat(set.status()).isEqualTo(200);
		assertThat(set.body().path("transport").path("kind").asText()).isEqualTo("mailgun");
		assertThat(set.body().path("transport").path("domain").asText()).isEqualTo("mg.example.com");
		assertThat(set.body().path("transport").path("region").asText()).isEqualTo("eu");
		assertThat(set.body().path("transport").path("credentialsSet").asBoolean()).isTrue();
		assertThat(set.raw().getContentAsString()).doesNotContain("key-very-secret");
		assertThat(api.get("/api/v1/mailboxes/" + mailbox.id()).raw().getContentAsString())
			.doesNotContain("key-very-secret");
		byte[] stored = fixtures.jdbc()
			.sql("SELECT provider_credentials FROM mailboxes WHERE id = ?")
			.param(mailbox.id())
			.query(byte[].class)
			.single();
		assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("key-very-secret");

		// The same kind again without the key keeps it; a new kind needs its own secrets.
		assertThat(api
			.put("/api/v1/mailboxes/" + mailbox.id() + "/transport",
					"{\"kind\": \"mailgun\", \"domain\": \"mg2.example.com\"}")
			.status()).isEqualTo(200);
		Api.Response missing = api.put("/api/v1/mailboxes/" + mailbox.id() + "/transport",
				"{\"kind\": \"ses\", \"accessKeyId\": \"AKIA1\", \"region\": \"eu-west-1\"}");
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.body().path("detail").asText()).isEqualTo("Give the AWS secret access key.");
		assertThat(api.put("/api/v1/mailboxes/" + mailbox.id() + "/transport", "{\"kind\": \"sendgrid\"}").status())
			.isEqualTo(400);
		assertThat(api.put("/api/v1/mailboxes/" + UUID.randomUUID() + "/transport", "{\"kind\": \"smtp\"}").status())
			.isEqualTo(404);
		Api.Response back = api.put("/api/v1/mailboxes/" + mailbox.id() + "/transport", "{\"kind\": \"smtp\"}");
		assertThat(back.body().path("transport").path("kind").asText()).isEqualTo("smtp");
		assertThat(back.body().path("transport").path("credentialsSet").asBoolean()).isFalse();
	}

}
