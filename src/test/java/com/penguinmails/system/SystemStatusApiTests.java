package com.penguinmails.system;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.OpenApiContract;
import com.penguinmails.support.WebSession;
import com.penguinmails.system.internal.Heartbeats;
import com.penguinmails.system.internal.NodeIdentity;
import com.penguinmails.system.internal.SystemRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/v1/system/status} and {@code /system}: the installation admin sees
 * every check (this module's and any other feature's), both nodes of a two-node
 * installation with the stale one down, as the OpenAPI document says; anyone else, and a
 * key without system:read, gets 403; a check that throws is unknown, not a 500.
 */
@IntegrationTest
class SystemStatusApiTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	MockMvc mvc;

	@Autowired
	Heartbeats heartbeats;

	@Autowired
	SystemRepository repository;

	@Autowired
	TestSystemCheck contributed;

	@Test
	void theAdminSeesEveryCheckAndBothNodesWithTheStaleOneDown() throws Exception {
		Account admin = SystemAdmins.admin(fixtures, "sys-admin");
		Instant now = Instant.now();
		String stale = "node-b-" + UUID.randomUUID().toString().substring(0, 8);
		repository.beat(new NodeIdentity(UUID.randomUUID(), stale, 77, "0.1.0", now.minus(Duration.ofHours(2))),
				List.of("scheduler", "dispatcher"), now.minus(Duration.ofMinutes(5)));
		heartbeats.beat(now);
		OpenApiContract contract = OpenApiContract.served(mvc);

		Api.Response response = fixtures.api(admin, "system:read").checkedBy(contract).get("/api/v1/system/status");

		assertThat(response.status()).isEqualTo(200);
		assertThat(contract.violations()).isEmpty();
		JsonNode body = response.body();
		assertThat(body.path("status").asText()).isIn("ok", "warning", "failing", "unknown");
		assertThat(body.path("checks").findValuesAsText("key")).contains("database", "disk", "nodes", "queues.outbox",
				"queues.webhooks", "queues.inbound", "mailboxes.failing", "domains.dns", "blocklists",
				"network.smtp-ports", "clock", "version", "tests.contributed");
		JsonNode nodes = body.path("nodes");
		assertThat(node(nodes, heartbeats.node().hostname(), heartbeats.node().id()).path("alive").asBoolean())
			.isTrue();
		JsonNode down = node(nodes, stale, null);
		assertThat(down.path("alive").asBoolean()).isFalse();
		assertThat(down.path("runs").toString()).isEqualTo("[\"scheduler\",\"dispatcher\"]");
		JsonNode nodesCheck = check(body, "nodes");
		assertThat(nodesCheck.path("status").asText()).isEqualTo("warning");
		assertThat(nodesCheck.path("summary").asText()).contains(stale);
		JsonNode database = check(body, "database");
		assertThat(database.path("status").asText()).isEqualTo("ok");
		assertThat(database.path("figures").path("size_bytes").asLong()).isPositive();
		assertThat(check(body, "clock").path("status").asText()).isEqualTo("ok");
		assertThat(check(body, "version").path("summary").asText()).contains("no migration pending");
		assertThat(body.path("diskForecast").path("text").asText()).isNotBlank();
		assertThat(body.path("history").isArray()).isTrue();
		assertThat(check(body, "network.smtp-ports").path("figures").path("host").asText()).isEqualTo("127.0.0.1");
	}

	@Test
	void aCheckThatThrowsIsShownAsUnknownNotA500() throws Exception {
		Account admin = SystemAdmins.admin(fixtures, "sys-throws");
		contributed.failWith(new IllegalStateException("password=hunter2"));
		try {
			Api.Response response = fixtures.api(admin, "system:read").get("/api/v1/system/status");
			assertThat(response.status()).isEqualTo(200);
			JsonNode broken = check(response.body(), "tests.contributed");
			assertThat(broken.path("status").asText()).isEqualTo("unknown");
			assertThat(broken.path("summary").asText()).isEqualTo("The check failed (IllegalStateException).");
			assertThat(response.body().toString()).doesNotContain("hunter2");

			MvcResult page = fixtures.signedIn(admin).get("/system");
			assertThat(page.getResponse().getStatus()).isEqualTo(200);
			assertThat(page.getResponse().getContentAsString()).contains("The check failed (IllegalStateException).");
		}
		finally {
			contributed.failWith(null);
		}
	}

	@Test
	void nobodyButAnInstallationAdminWithTheScopeGetsIn() throws Exception {
		Account admin = SystemAdmins.admin(fixtures, "sys-first");
		Account other = fixtures.verifiedAccount("sys-other");

		Api.Response stranger = fixtures.api(other, "system:read").get("/api/v1/system/status");
		assertThat(stranger.status()).isEqualTo(403);
		assertThat(stranger.header("Content-Type")).startsWith("application/problem+json");
		assertThat(stranger.body().path("detail").asText()).isEqualTo("Only the installation's admins may see this.");
		Api.Response unscoped = fixtures.api(admin, "analytics:read").get("/api/v1/system/status");
		assertThat(unscoped.status()).isEqualTo(403);
		assertThat(unscoped.body().path("detail").asText()).contains("system:read");

		WebSession otherSession = fixtures.signedIn(other);
		assertThat(otherSession.get("/system").getResponse().getStatus()).isEqualTo(403);
		assertThat(otherSession.get("/").getResponse().getContentAsString()).doesNotContain("System status");
		WebSession adminSession = fixtures.signedIn(admin);
		assertThat(adminSession.get("/").getResponse().getContentAsString()).contains("href=\"/system\"");
		String page = adminSession.get("/system").getResponse().getContentAsString();
		assertThat(page).contains("System status").contains("Outbound SMTP ports").contains("What to do: ");
	}

	private static JsonNode check(JsonNode body, String key) {
		for (JsonNode check : body.path("checks")) {
			if (check.path("key").asText().equals(key)) {
				return check;
			}
		}
		throw new AssertionError("No check " + key + " in " + body);
	}

	private static JsonNode node(JsonNode nodes, String hostname, UUID id) {
		for (JsonNode node : nodes) {
			if (node.path("hostname").asText().equals(hostname)
					&& (id == null || node.path("id").asText().equals(id.toString()))) {
				return node;
			}
		}
		throw new AssertionError("No node " + hostname + " in " + nodes);
	}

}
