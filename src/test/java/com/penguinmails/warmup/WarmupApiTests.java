package com.penguinmails.warmup;

import java.time.LocalDate;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.WebSession;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /api/v1/warmup: the workspace's settings, presets, every mailbox's warmup, one
 * mailbox's schedule and its days, with 400s naming the field, 404 for another
 * workspace's mailbox and the warmup scopes.
 */
@IntegrationTest
class WarmupApiTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Mailboxes mailboxes;

	@Test
	void settingsAreReadChangedAndCheckedByField() throws Exception {
		Account account = fixtures.verifiedAccount("warm-settings");
		Api api = fixtures.api(account, "warmup:write");
		JsonNode defaults = api.get("/api/v1/warmup/settings").body();
		assertThat(defaults.path("sharedPool").asBoolean()).isFalse();
		assertThat(defaults.path("defaultPreset").asText()).isEqualTo("standard");
		assertThat(defaults.path("spamThresholdPercent").asInt()).isEqualTo(20);

		Api.Response saved = api.put("/api/v1/warmup/settings",
				"{\"sharedPool\":true,\"defaultPreset\":\"conservative\",\"spamThresholdPercent\":30}");
		assertThat(saved.status()).isEqualTo(200);
		assertThat(api.get("/api/v1/warmup/settings").body().path("defaultPreset").asText()).isEqualTo("conservative");
		assertThat(api.get("/api/v1/warmup/settings").body().path("sharedPool").asBoolean()).isTrue();

		Api.Response refused = api.put("/api/v1/warmup/settings", "{\"spamThresholdPercent\":90}");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body().path("field").asText()).isEqualTo("spamThresholdPercent");
		assertThat(refused.body().path("errors").path("spamThresholdPercent").asText()).isNotBlank();
		assertThat(refused.body().path("type").asText()).endsWith("/invalid-warmup-setting");
		assertThat(api.get("/api/v1/warmup/settings").body().path("spamThresholdPercent").asInt()).isEqualTo(30);
		assertThat(api.put("/api/v1/warmup/settings", "{\"defaultPreset\":\"turbo\"}").status()).isEqualTo(400);
		assertThat(api.get("/api/v1/warmup/presets").body().findValuesAsText("preset")).containsExactly("conservative",
				"standard", "aggressive", "custom");
	}

	@Test
	void mailboxWarmupIsTurnedOnScheduledAndListed() throws Exception {
		Account account = fixtures.verifiedAccount("warm-mailbox");
		Mailbox mailbox = WarmupTestData.mailbox(mailboxes, account, "sam");
		Api api = fixtures.api(account, "warmup:write");
		JsonNode off = api.get("/api/v1/warmup/mailboxes/" + mailbox.id()).body();
		assertThat(off.path("enabled").asBoolean()).isFalse();
		assertThat(off.path("stageLabel").asText()).isEqualTo("Off");

		Api.Response on = api.put("/api/v1/warmup/mailboxes/" + mailbox.id(),
				"""
						{"enabled":true,"preset":"custom","startPerDay":4,"increasePerDay":1,"maxPerDay":20,
						 "replyRatePercent":50,"weekdaysOnly":false,"timeZone":"UTC","windowStart":"09:00","windowEnd":"17:00"}""");
		assertThat(on.status()).isEqualTo(200);
		assertThat(on.body().path("startedOn").asText()).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
		assertThat(on.body().path("stageLabel").asText()).isEqualTo("Day 1 of ramp");
		assertThat(on.body().path("plannedToday").asInt()).isEqualTo(4);
		assertThat(on.body().path("schedule").path("preset").asText()).isEqualTo("custom");

		Api.Response bad = api.put("/api/v1/warmup/mailboxes/" + mailbox.id(),
				"{\"preset\":\"custom\",\"startPerDay\":10,\"maxPerDay\":5}");
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.body().path("field").asText()).isEqualTo("maxPerDay");
		// Numbers alone (no preset named) are applied as a custom schedule, and checked.
		assertThat(api.put("/api/v1/warmup/mailboxes/" + mailbox.id(), "{\"maxPerDay\":999}").status()).isEqualTo(400);
		assertThat(api.put("/api/v1/warmup/mailboxes/" + mailbox.id(), "{\"startPerDay\":0}").status()).isEqualTo(400);
		assertThat(api.put("/api/v1/warmup/mailboxes/" + mailbox.id(), "{\"maxPerDay\":25}")
			.body()
			.path("schedule")
			.path("maxPerDay")
			.asInt()).isEqualTo(25);
		assertThat(api.put("/api/v1/warmup/mailboxes/" + mailbox.id(), "{\"timeZone\":\"Nowhere/Town\"}")
			.body()
			.path("field")
			.asText()).isEqualTo("timeZone");

		JsonNode list = api.get("/api/v1/warmup/mailboxes").body().path("data");
		assertThat(list).hasSize(1);
		assertThat(list.get(0).path("email").asText()).isEqualTo(mailbox.email());
		assertThat(list.get(0).path("enabled").asBoolean()).isTrue();
		assertThat(list.get(0).path("healthScore").isNumber()).as("not measured yet").isFalse();
		assertThat(list.get(0).path("partners").asInt()).isZero();
	}

	@Test
	void aPoolSettingsFormWithoutAWholeNumberThresholdSaysSoAndSavesNothing() throws Exception {
		Account account = fixtures.verifiedAccount("warm-form");
		WebSession session = fixtures.signedIn(account);
		for (String typed : new String[] { "abc", "" }) {
			session.post("/warmup/settings", "sharedPool", "true", "defaultPreset", "standard", "spamThresholdPercent",
					typed);
			String page = session.get("/warmup").getResponse().getContentAsString();
			assertThat(page).contains("The spam threshold is a whole number of percent")
				.doesNotContain("Pool settings saved");
		}
		assertThat(fixtures.api(account, "warmup:read")
			.get("/api/v1/warmup/settings")
			.body()
			.path("sharedPool")
			.asBoolean()).isFalse();
	}

	@Test
	void anotherWorkspacesMailboxIsNotFoundAndScopesAreEnforced() throws Exception {
		Account owner = fixtures.verifiedAccount("warm-owner");
		Account stranger = fixtures.verifiedAccount("warm-stranger");
		Mailbox mailbox = WarmupTestData.mailbox(mailboxes, owner, "own");
		Api strangers = fixtures.api(stranger, "warmup:write");
		assertThat(strangers.get("/api/v1/warmup/mailboxes/" + mailbox.id()).status()).isEqualTo(404);
		assertThat(strangers.put("/api/v1/warmup/mailboxes/" + mailbox.id(), "{\"enabled\":true}").status())
			.isEqualTo(404);
		assertThat(strangers.get("/api/v1/warmup/mailboxes/" + mailbox.id() + "/days").status()).isEqualTo(404);
		assertThat(strangers.get("/api/v1/warmup/mailboxes").body().path("data")).isEmpty();

		Api reader = fixtures.api(owner, "warmup:read");
		assertThat(reader.get("/api/v1/warmup/mailboxes/" + mailbox.id()).status()).isEqualTo(200);
		assertThat(reader.put("/api/v1/warmup/mailboxes/" + mailbox.id(), "{\"enabled\":true}").status())
			.isEqualTo(403);
		assertThat(reader.put("/api/v1/warmup/settings", "{\"sharedPool\":true}").status()).isEqualTo(403);
		Api other = fixtures.api(owner, "mailboxes:read");
		assertThat(other.get("/api/v1/warmup/mailboxes").status()).isEqualTo(403);
	}

	@Test
	void daysRangeIsCheckedAndDefaultsToThreeWeeksNeverBeforeTheRampStarted() throws Exception {
		Account account = fixtures.verifiedAccount("warm-range");
		Mailbox mailbox = WarmupTestData.mailbox(mailboxes, account, "range");
		Api api = fixtures.api(account, "warmup:read", "warmup:write");
		String path = "/api/v1/warmup/mailboxes/" + mailbox.id() + "/days";
		// Never on: today and the next 7 days.
		assertThat(api.get(path).body()).hasSize(8);
		fixtures.jdbc()
			.sql("""
					INSERT INTO warmup_mailboxes (mailbox_id, workspace_id, enabled, start_per_day, increase_per_day,
					    max_per_day, reply_rate_percent, started_on)
					VALUES (?, ?, true, 3, 2, 40, 30, current_date - 30)""")
			.params(mailbox.id(), account.workspaceId())
			.update();
		assertThat(api.get(path).body()).hasSize(22);
		assertThat(api.get(path, "from", "2026-03-10", "to", "2026-03-01").status()).isEqualTo(400);
		assertThat(api.get(path, "from", "2020-01-01", "to", "2026-03-01").status()).isEqualTo(400);
		assertThat(api.get(path, "from", "yesterday").status()).isEqualTo(400);
		JsonNode days = api.get(path, "from", "2026-03-01", "to", "2026-03-03").body();
		assertThat(days.findValuesAsText("day")).containsExactly("2026-03-01", "2026-03-02", "2026-03-03");
		assertThat(days.get(0).path("planned").asInt()).isZero();
	}

}
