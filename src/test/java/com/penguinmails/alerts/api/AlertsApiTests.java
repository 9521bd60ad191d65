package com.penguinmails.alerts.api;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import com.penguinmails.alerts.internal.ChatReceiver;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.OpenApiContract;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/v1/alerts}: list, one alert with its timeline, acknowledge and resolve
 * under {@code alerts:read} / {@code alerts:write}; channels and routing with RFC 9457
 * problems for bad input, and no Slack URL ever returned.
 */
@IntegrationTest
class AlertsApiTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	MockMvc mvc;

	@Test
	void readsAnAlertWithItsTimelineAndAcknowledgesItWithTheWriteScope() throws Exception {
		Fixtures.Account account = fixtures.verifiedAccount("alert-api");
		UUID id = alert(account.workspaceId(), "API test alert");
		OpenApiContract contract = OpenApiContract.served(mvc);
		Api reader = fixtures.api(account, "alerts:read").checkedBy(contract);

		Api.Response list = reader.get("/api/v1/alerts", "limit", "10");
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.body().path("alerts").get(0).path("title").asText()).isEqualTo("API test alert");
		assertThat(list.body().path("alerts").get(0).path("type").asText()).isEqualTo("mailbox.failing");
		Api.Response one = reader.get("/api/v1/alerts/" + id);
		assertThat(one.status()).isEqualTo(200);
		assertThat(one.body().path("alert").path("status").asText()).isEqualTo("open");
		assertThat(one.body().path("timeline").get(0).path("kind").asText()).isEqualTo("raised");
		assertThat(reader.post("/api/v1/alerts/" + id + "/acknowledge", "").status()).isEqualTo(403);

		Api writer = fixtures.api(account, "alerts:write").checkedBy(contract);
		Api.Response acknowledged = writer.post("/api/v1/alerts/" + id + "/acknowledge", "");
		assertThat(acknowledged.status()).isEqualTo(200);
		assertThat(acknowledged.body().path("status").asText()).isEqualTo("acknowledged");
		assertThat(acknowledged.body().path("acknowledgedBy").asText()).isEqualTo("an API key");
		Api.Response resolved = writer.post("/api/v1/alerts/" + id + "/resolve", "");
		assertThat(resolved.body().path("status").asText()).isEqualTo("resolved");
		assertThat(writer.get("/api/v1/alerts/" + id).body().path("timeline").findValuesAsText("kind"))
			.containsExactly("raised", "acknowledged", "resolved");
		assertThat(contract.violations()).isEmpty();
	}

	@Test
	void anotherWorkspacesAlertIsNotFoundAndABadLimitIsAProblem() throws Exception {
		UUID elsewhere = alert(fixtures.verifiedAccount("alert-api-other").workspaceId(), "Not yours");
		Api api = fixtures.api(fixtures.verifiedAccount("alert-api-me"), "alerts:write");

		Api.Response missing = api.get("/api/v1/alerts/" + elsewhere);
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.raw().getContentType()).isEqualTo("application/problem+json");
		assertThat(api.post("/api/v1/alerts/" + elsewhere + "/acknowledge", "").status()).isEqualTo(404);
		Api.Response limit = api.get("/api/v1/alerts", "limit", "0");
		assertThat(limit.status()).isEqualTo(400);
		assertThat(limit.body().path("type").asText()).endsWith("/invalid-limit");
	}

	@Test
	void channelsRoutesAndPoliciesRejectBadInputAndNeverReturnTheUrl() throws Exception {
		OpenApiContract contract = OpenApiContract.served(mvc);
		Api api = fixtures.api(fixtures.verifiedAccount("alert-api-settings"), "alerts:write").checkedBy(contract);

		Api.Response kind = api.post("/api/v1/alerts/channels", "{\"name\": \"X\", \"kind\": \"pager\"}");
		assertThat(kind.status()).isEqualTo(400);
		assertThat(kind.body().path("type").asText()).endsWith("/invalid-channel");
		Api.Response plain = api.post("/api/v1/alerts/channels",
				"{\"name\": \"X\", \"kind\": \"slack\", \"url\": \"http://10.0.0.7/services/T/B/secret\"}");
		assertThat(plain.status()).isEqualTo(400);
		assertThat(plain.body().path("type").asText()).endsWith("/address-not-allowed");
		Api.Response slack = api.post("/api/v1/alerts/channels",
				"{\"name\": \"On call\", \"kind\": \"slack\", \"url\": \"http://127.0.0.1:9/services/T/B/secret\"}");
		assertThat(slack.status()).isEqualTo(201);
		assertThat(slack.body().toString()).doesNotContain("secret");
		String channel = slack.body().path("id").asText();
		Api.Response test = api.post("/api/v1/alerts/channels/" + channel + "/test", "");
		assertThat(test.status()).as("nothing listens on port 9").isEqualTo(502);
		assertThat(test.body().path("type").asText()).endsWith("/channel-test-failed");
		assertThat(test.body().path("detail").asText()).startsWith("Could not reach 127.0.0.1")
			.doesNotContain("secret");

		Api.Response route = api.post("/api/v1/alerts/routes",
				"{\"matchKind\": \"type\", \"matchValue\": \"no.such_type\", \"channelId\": \"" + channel + "\"}");
		assertThat(route.status()).isEqualTo(400);
		assertThat(route.body().path("type").asText()).endsWith("/invalid-route");
		assertThat(api
			.post("/api/v1/alerts/routes",
					"{\"matchKind\": \"severity\", \"matchValue\": \"critical\", \"channelId\": \"" + channel + "\"}")
			.status()).isEqualTo(201);
		Api.Response policy = api.post("/api/v1/alerts/policies", "{\"name\": \"Night\", \"steps\": [{\"channelId\": \""
				+ channel + "\"}, {\"email\": \"lead@example.com\", \"afterMinutes\": 0}]}");
		assertThat(policy.status()).isEqualTo(400);
		assertThat(policy.body().path("type").asText()).endsWith("/invalid-policy");
		Api.Response quiet = api.put("/api/v1/alerts/channels/" + channel + "/quiet-hours",
				"{\"zone\": \"Mars/Olympus\", \"from\": \"22:00\", \"to\": \"07:00\", \"criticalBypasses\": true}");
		assertThat(quiet.status()).isEqualTo(400);
		assertThat(quiet.body().path("type").asText()).endsWith("/invalid-quiet-hours");
		JsonNode listed = api.get("/api/v1/alerts/channels").body().path("channels").get(0);
		assertThat(listed.path("urlHint").asText()).isEqualTo("http://127.0.0.1/…");
		assertThat(listed.path("lastError").asText()).startsWith("Could not reach 127.0.0.1");
		assertThat(contract.violations()).isEmpty();
	}

	@Test
	void aChannelAndAPolicyAreEditedTheUrlKeptWhenLeftEmptyAndNeverReturned() throws Exception {
		OpenApiContract contract = OpenApiContract.served(mvc);
		Fixtures.Account account = fixtures.verifiedAccount("alert-api-edit");
		Api api = fixtures.api(account, "alerts:write").checkedBy(contract);
		try (ChatReceiver chat = ChatReceiver.start()) {
			Api.Response added = api.post("/api/v1/alerts/channels", "{\"name\": \"On call\", \"kind\": \"slack\", "
					+ "\"url\": \"" + chat.url("/services/T/B/kept-secret") + "\"}");
			String channel = added.body().path("id").asText();

			Api.Response renamed = api.put("/api/v1/alerts/channels/" + channel, "{\"name\": \"Night shift\"}");
			assertThat(renamed.status()).isEqualTo(200);
			assertThat(renamed.body().path("name").asText()).isEqualTo("Night shift");
			assertThat(renamed.body().path("urlHint").asText()).isEqualTo("http://127.0.0.1/…");
			assertThat(renamed.body().toString()).doesNotContain("secret");
			assertThat(api.post("/api/v1/alerts/channels/" + channel + "/test", "").status()).isEqualTo(200);
			assertThat(chat.to("/services/T/B/kept-secret")).as("the stored URL, kept").hasSize(1);

			Api.Response inside = api.put("/api/v1/alerts/channels/" + channel,
					"{\"name\": \"Night shift\", \"url\": \"http://10.0.0.7/services/T/B/inside\"}");
			assertThat(inside.status()).as("checked against the network policy, as when added").isEqualTo(400);
			assertThat(inside.raw().getContentType()).isEqualTo("application/problem+json");
			assertThat(inside.body().path("type").asText()).endsWith("/address-not-allowed");
			Api.Response moved = api.put("/api/v1/alerts/channels/" + channel,
					"{\"name\": \"Night shift\", \"url\": \"" + chat.url("/services/T/B/new-secret") + "\"}");
			assertThat(moved.status()).isEqualTo(200);
			assertThat(moved.body().toString()).doesNotContain("secret");
			api.post("/api/v1/alerts/channels/" + channel + "/test", "");
			assertThat(chat.to("/services/T/B/new-secret")).hasSize(1);
			assertThat(chat.to("/services/T/B/kept-secret")).hasSize(1);

			Api.Response email = api.post("/api/v1/alerts/channels",
					"{\"name\": \"Leads\", \"kind\": \"email\", \"addresses\": \"lead@example.com\"}");
			String leads = email.body().path("id").asText();
			Api.Response bad = api.put("/api/v1/alerts/channels/" + leads,
					"{\"name\": \"Leads\", \"addresses\": \"lead@example.com, not-an-address\"}");
			assertThat(bad.status()).isEqualTo(400);
			assertThat(bad.body().path("type").asText()).endsWith("/invalid-channel");
			assertThat(api
				.put("/api/v1/alerts/channels/" + leads,
						"{\"name\": \"Leads\", \"addresses\": \"lead@example.com, cto@example.com\"}")
				.body()
				.path("addresses")
				.asText()).isEqualTo("lead@example.com, cto@example.com");
			assertThat(api.put("/api/v1/alerts/channels/" + leads, "{\"name\": \"Leads\"}")
				.body()
				.path("addresses")
				.asText()).as("absent: kept").isEqualTo("lead@example.com, cto@example.com");

			Api.Response policy = api.post("/api/v1/alerts/policies",
					"{\"name\": \"Night\", \"steps\": [{\"channelId\": \"" + channel + "\"}]}");
			String policyId = policy.body().path("id").asText();
			Api.Response longer = api.put("/api/v1/alerts/policies/" + policyId,
					"{\"name\": \"Night and day\", \"steps\": [{\"channelId\": \"" + channel
							+ "\"}, {\"email\": \"lead@example.com\", \"afterMinutes\": 20}]}");
			assertThat(longer.status()).isEqualTo(200);
			assertThat(longer.body().path("name").asText()).isEqualTo("Night and day");
			assertThat(longer.body().path("steps").findValuesAsText("target")).containsExactly("Night shift",
					"lead@example.com");
			Api.Response noSteps = api.put("/api/v1/alerts/policies/" + policyId,
					"{\"name\": \"Night\", \"steps\": []}");
			assertThat(noSteps.status()).isEqualTo(400);
			assertThat(noSteps.body().path("type").asText()).endsWith("/invalid-policy");

			Api.Response narrowed = api.post("/api/v1/alerts/routes", "{\"matchKind\": \"type\", \"matchValue\": "
					+ "\"mailbox.failing\", \"matchSeverity\": \"critical\", \"channelId\": \"" + channel + "\"}");
			assertThat(narrowed.status()).isEqualTo(201);
			assertThat(narrowed.body().path("matchSeverity").asText()).isEqualTo("critical");
			Api.Response wrong = api.post("/api/v1/alerts/routes", "{\"matchKind\": \"default\", "
					+ "\"matchSeverity\": \"critical\", \"channelId\": \"" + channel + "\"}");
			assertThat(wrong.status()).isEqualTo(400);
			assertThat(wrong.body().path("type").asText()).endsWith("/invalid-route");

			Api elsewhere = fixtures.api(fixtures.verifiedAccount("alert-api-edit-other"), "alerts:write");
			assertThat(elsewhere.put("/api/v1/alerts/channels/" + channel, "{\"name\": \"Mine\"}").status())
				.isEqualTo(404);
			assertThat(elsewhere
				.put("/api/v1/alerts/policies/" + policyId,
						"{\"name\": \"Mine\", \"steps\": [{\"email\": \"me@example.com\"}]}")
				.status()).isEqualTo(404);
			Api reader = fixtures.api(account, "alerts:read");
			assertThat(reader.put("/api/v1/alerts/channels/" + channel, "{\"name\": \"Read only\"}").status())
				.isEqualTo(403);
		}
		fixtures.awaitEvents("AuditRecorder");
		assertThat(fixtures.jdbc()
			.sql("SELECT target FROM audit_events WHERE workspace_id = ? AND action = ? ORDER BY id")
			.params(account.workspaceId(), "alert_channel.changed")
			.query(String.class)
			.list()).containsExactly("On call (now Night shift)", "Night shift: new URL",
					"Leads: sends to lead@example.com, cto@example.com", "Leads");
		assertThat(fixtures.jdbc()
			.sql("SELECT target FROM audit_events WHERE workspace_id = ? AND action = ?")
			.params(account.workspaceId(), "escalation_policy.changed")
			.query(String.class)
			.list()).containsExactly("Night (now Night and day)");
		assertThat(contract.violations()).isEmpty();
	}

	private UUID alert(UUID workspaceId, String title) {
		UUID id = UUID.randomUUID();
		Timestamp now = Timestamp.from(Instant.now());
		fixtures.jdbc()
			.sql("""
					INSERT INTO alerts (id, workspace_id, type, severity, title, body, link, created_at)
					VALUES (?, ?, 'mailbox.failing', 'critical', ?, 'Its SMTP server refuses the login.', '/mailboxes', ?)""")
			.params(id, workspaceId, title, now)
			.update();
		fixtures.jdbc()
			.sql("INSERT INTO alert_events (workspace_id, alert_id, kind, detail, at) VALUES (?, ?, 'raised', '', ?)")
			.params(workspaceId, id, now)
			.update();
		return id;
	}

}
