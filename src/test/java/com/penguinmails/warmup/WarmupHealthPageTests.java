package com.penguinmails.warmup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import com.penguinmails.inbound.InboundFixtures;
import com.penguinmails.inbound.InboundFixtures.Sender;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/** The health fragment and its API: the score in words, the series, workspace scoping. */
@IntegrationTest
class WarmupHealthPageTests {

	@Autowired
	WarmupHealth health;

	@Autowired
	InboundFixtures inbound;

	@Autowired
	Fixtures fixtures;

	@Test
	void theFragmentShowsTheScoreWhatMakesItAndTheDaysAndTheApiTheSame() throws Exception {
		Sender sender = measured("health-page");
		UUID mailboxId = sender.mailbox().id();
		WebSession session = fixtures.signedIn(sender.account());
		String fragment = session
			.perform(MockMvcRequestBuilders.get("/warmup/mailboxes/" + mailboxId + "/health")
				.header("HX-Request", "true"))
			.getResponse()
			.getContentAsString();
		assertThat(fragment).doesNotContain("<html")
			.contains("Warmup health")
			.contains("75 % of 20 warmup messages reached the inbox (5 in spam, 0 in another folder, 0 missing)")
			.contains("Not passing: SPF, DKIM, DMARC")
			.contains("data-series=\"[{&quot;")
			.contains("Score per day as a table");
		String page = session.get("/warmup/mailboxes/" + mailboxId + "/health").getResponse().getContentAsString();
		assertThat(page).contains("<html")
			.contains(sender.mailbox().email())
			.containsPattern("/js/warmup-health-[0-9a-f]{32}\\.js");

		Api api = fixtures.api(sender.account(), "warmup:read", "warmup:write");
		Api.Response response = api.get("/api/v1/warmup/mailboxes/" + mailboxId + "/health", "days", "30");
		assertThat(response.status()).isEqualTo(200);
		// 70 × 15 / 20 = 52.5, + 0 DNS + 10 + 5 = 67.5
		assertThat(response.body().path("score").asInt()).isEqualTo(68);
		assertThat(response.body().path("breakdown").path("spam").asInt()).isEqualTo(5);
		assertThat(response.body().path("breakdown").path("placementPoints").asDouble()).isEqualTo(52.5);
		assertThat(response.body().path("series")).hasSize(1);
		assertThat(api.get("/api/v1/warmup/mailboxes/" + mailboxId + "/health", "days", "0").status()).isEqualTo(400);
	}

	@Test
	void anotherWorkspacesMailboxIsNotFound() throws Exception {
		Sender sender = measured("health-owner");
		Sender stranger = inbound.sender("health-stranger");
		String path = "/warmup/mailboxes/" + sender.mailbox().id() + "/health";
		assertThat(fixtures.signedIn(stranger.account()).get(path).getResponse().getStatus()).isEqualTo(404);
		Api.Response response = fixtures.api(stranger.account(), "warmup:read", "warmup:write").get("/api/v1" + path);
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.raw().getContentType()).startsWith("application/problem+json");
	}

	@Test
	void aMailboxNeverMeasuredSaysSo() throws Exception {
		Sender sender = inbound.sender("health-unmeasured");
		String fragment = fixtures.signedIn(sender.account())
			.get("/warmup/mailboxes/" + sender.mailbox().id() + "/health")
			.getResponse()
			.getContentAsString();
		assertThat(fragment).contains("Not measured yet");
		Api.Response response = fixtures.api(sender.account(), "warmup:read", "warmup:write")
			.get("/api/v1/warmup/mailboxes/" + sender.mailbox().id() + "/health");
		assertThat(response.status()).isEqualTo(200);
		// null fields are left out of the JSON
		assertThat(response.body().path("score").isNumber()).isFalse();
	}

	private Sender measured(String name) {
		Sender sender = inbound.sender(name);
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		WarmupTestData.enable(fixtures.jdbc(), sender.account().workspaceId(), sender.mailbox().id());
		WarmupTestData.sent(fixtures.jdbc(), sender.account().workspaceId(), sender.mailbox().id(), today,
				Placement.INBOX, 15);
		WarmupTestData.sent(fixtures.jdbc(), sender.account().workspaceId(), sender.mailbox().id(), today,
				Placement.SPAM, 5);
		health.measure(today, Instant.now());
		return sender;
	}

}
