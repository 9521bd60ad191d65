package com.penguinmails.webhooks.web;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MvcResult;

import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint pages: empty state, create with the secret shown once, a refused form
 * keeps what was typed, the test panel, rotate, disable, the test event before the
 * delivery part exists, delete.
 */
@IntegrationTest
class EndpointsPagesTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Test
	void createShowsTheSecretOnceThenOnlyItsHint() throws Exception {
		Account account = fixtures.verifiedAccount("whp-create");
		WebSession session = fixtures.signedIn(account);
		String empty = html(session.get("/settings/webhooks"));
		assertThat(empty).contains("No webhook endpoint yet").contains("/settings/webhooks/new");
		assertThat(html(session.get("/"))).contains("href=\"/settings/webhooks\"");

		MvcResult created = session.post("/settings/webhooks/new", "url", "https://hooks.example.org/in", "description",
				"CRM", "eventTypes", "message.bounced", "eventTypes", "message.replied", "filter", "", "transform", "");
		String location = created.getResponse().getRedirectedUrl();
		assertThat(location).matches("/settings/webhooks/[0-9a-f-]{36}");
		String page = html(session.get(location));
		assertThat(page).contains("t be shown again").contains("whsec_");
		String secret = page.replaceAll("(?s).*id=\"webhook-secret\">(whsec_[^<]+)<.*", "$1");
		assertThat(page).contains("whsec_…" + secret.substring(secret.length() - 4));
		String again = html(session.get(location));
		assertThat(again).doesNotContain(secret).doesNotContain("t be shown again");

		String list = html(session.get("/settings/webhooks"));
		assertThat(list).contains("https://hooks.example.org/in")
			.contains("Message bounced, Reply received")
			.contains("Enabled")
			.contains(location + "/deliveries")
			.doesNotContain(secret);
	}

	@Test
	void aRefusedFormKeepsWhatWasTypedAndSaysWhy() throws Exception {
		Account account = fixtures.verifiedAccount("whp-bad");
		WebSession session = fixtures.signedIn(account);
		String page = html(session.post("/settings/webhooks/new", "url", "https://hooks.example.org/x", "eventTypes",
				"*", "filter", "event.type ==", "transform", ""));
		assertThat(page).contains("not valid CEL").contains("https://hooks.example.org/x").contains("event.type ==");
		assertThat(html(session.get("/settings/webhooks"))).contains("No webhook endpoint yet");
	}

	@Test
	void theTestPanelShowsTheSampleWhetherItMatchesAndTheBody() throws Exception {
		Account account = fixtures.verifiedAccount("whp-try");
		WebSession session = fixtures.signedIn(account);
		String matched = html(session.post("/settings/webhooks/test", "filter", "event.type == \"message.sent\"",
				"transform", "{\"kind\": .type}", "sampleType", "message.sent", "sampleEvent", ""));
		assertThat(matched).contains("Matches").contains("Body sent").contains("&quot;kind&quot;");
		String missed = html(session.post("/settings/webhooks/test", "filter", "event.bounce.reason == \"x\"",
				"transform", "", "sampleType", "message.sent", "sampleEvent", ""));
		assertThat(missed).contains("Does not match").doesNotContain("Body sent");
		String broken = html(session.post("/settings/webhooks/test", "filter", "", "transform", ".type", "sampleType",
				"message.sent", "sampleEvent", ""));
		assertThat(broken).contains("object or array");
		String pasted = html(session.post("/settings/webhooks/test", "filter", "", "transform", "", "sampleType", "",
				"sampleEvent", "{not json"));
		assertThat(pasted).contains("not JSON");
	}

	@Test
	void rotateDisableTestEventAndDelete() throws Exception {
		Account account = fixtures.verifiedAccount("whp-actions");
		WebSession session = fixtures.signedIn(account);
		String location = session
			.post("/settings/webhooks/new", "url", "https://hooks.example.org/a", "eventTypes", "*", "signEd25519",
					"true")
			.getResponse()
			.getRedirectedUrl();
		assertThat(html(session.get(location))).contains("whpk_").contains("All events, including");

		session.post(location + "/rotate", "keepHours", "2");
		String rotated = html(session.get(location));
		assertThat(rotated).contains("New secret made").contains("t be shown again");
		assertThat(html(session.get(location))).as("the overlap stays visible after the one-time notice")
			.contains("The previous secret keeps signing until");

		session.post(location + "/disable");
		assertThat(html(session.get(location))).contains("Disabled by a person.");
		session.post(location + "/enable");
		assertThat(html(session.get(location))).contains("Endpoint enabled");

		session.post(location + "/send-test", "type", "message.sent");
		assertThat(html(session.get(location))).contains("Test event queued");
		assertThat(jdbc.sql("SELECT count(*) FROM webhook_deliveries WHERE endpoint_id = ?")
			.param(UUID.fromString(location.substring(location.lastIndexOf('/') + 1)))
			.query(Long.class)
			.single()).isEqualTo(1);

		MvcResult deleted = session.post(location + "/delete");
		assertThat(deleted.getResponse().getRedirectedUrl()).isEqualTo("/settings/webhooks");
		assertThat(html(session.get("/settings/webhooks"))).contains("Endpoint deleted");
	}

	private static String html(MvcResult result) throws Exception {
		return result.getResponse().getContentAsString();
	}

}
