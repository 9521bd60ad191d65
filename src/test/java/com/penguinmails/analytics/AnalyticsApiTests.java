package com.penguinmails.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.analytics.internal.rollup.RollupStore;
import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analytics API: every view over HTTP equals the service's figures, filters and bad
 * parameters (RFC 9457 problems naming the parameter), per-recipient events a page at a
 * time by cursor, workspace scoping and the rollups' rebuild.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsApiTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	Campaigns campaigns;

	@Autowired
	RollupStore rollups;

	Account account;

	RollupFixture.Seeded seeded;

	Api api;

	@BeforeAll
	void seed() {
		account = fixtures.verifiedAccount("analytics-api");
		seeded = RollupFixture.seed(fixtures.jdbc(), mailboxes, campaigns, account, "api", 200,
				Instant.now().minus(Duration.ofDays(40)).truncatedTo(ChronoUnit.DAYS));
		rollups.markAll(account.workspaceId());
		rollups.refreshAll();
		api = fixtures.api(account, "analytics:read");
	}

	@Test
	void everyViewAnswersWithFiguresThatAgree() throws Exception {
		JsonNode overview = api.get("/api/v1/analytics/overview", "days", "90").body();
		long sent = overview.at("/totals/sent").asLong();
		assertThat(sent).isGreaterThan(300);
		assertThat(overview.at("/days")).hasSize(90);
		assertThat(overview.at("/totals/replyRate").isNumber()).isTrue();
		for (String view : new String[] { "campaigns", "mailboxes", "domains", "providers", "variants" }) {
			Api.Response response = api.get("/api/v1/analytics/" + view, "days", "90");
			assertThat(response.status()).as(view).isEqualTo(200);
			long sum = 0;
			for (JsonNode entry : response.body().get("data")) {
				sum += entry.at("/totals/sent").asLong();
			}
			assertThat(sum).as(view).isEqualTo(sent);
		}
		// Every view says the period it covers, as the overview does.
		for (String view : new String[] { "funnel", "heatmap", "mailboxes", "domains", "providers", "campaigns",
				"variants", "cohorts", "recommendations" }) {
			JsonNode body = api.get("/api/v1/analytics/" + view, "from", "2026-09-01", "to", "2026-09-30").body();
			assertThat(body.get("from").asText()).as(view).isEqualTo("2026-09-01");
			assertThat(body.get("to").asText()).as(view).isEqualTo("2026-09-30");
			assertThat(body.get("zone").asText()).as(view).isNotBlank();
		}
		JsonNode funnel = api.get("/api/v1/analytics/funnel", "days", "90").body().get("data");
		assertThat(funnel.get(0).get("name").asText()).isEqualTo("Contacted");
		assertThat(funnel).hasSize(6);
		Api.Response recommendations = api.get("/api/v1/analytics/recommendations", "days", "90");
		assertThat(recommendations.status()).isEqualTo(200);
		for (JsonNode r : recommendations.body().get("data")) {
			assertThat(r.get("evidence").asText()).matches(".*[0-9].*");
		}
		// (The generated messages have no contact row, so they have no import week.)
		assertThat(api.get("/api/v1/analytics/cohorts", "days", "90", "by", "import_week").status()).isEqualTo(200);
		for (String by : new String[] { "first_send_week", "mailbox_age_week" }) {
			JsonNode cohorts = api.get("/api/v1/analytics/cohorts", "days", "90", "by", by).body().get("data");
			long contacted = 0;
			for (JsonNode cohort : cohorts) {
				contacted += cohort.get("contacted").asLong();
			}
			assertThat(contacted).as(by).isEqualTo(overview.at("/totals/peopleContacted").asLong());
		}
		assertThat(api.get("/api/v1/analytics/cohorts", "by", "zodiac").status()).isEqualTo(400);
		JsonNode heatmap = api.get("/api/v1/analytics/heatmap", "days", "90").body();
		assertThat(heatmap.get("cells")).hasSize(168);
		// A campaign filter keeps that campaign only.
		JsonNode alpha = api.get("/api/v1/analytics/overview", "days", "90", "campaign", seeded.campaignA().toString())
			.body();
		JsonNode byCampaign = api.get("/api/v1/analytics/campaigns", "days", "90").body().get("data");
		long alphaSent = 0;
		for (JsonNode entry : byCampaign) {
			if (entry.get("key").asText().equals(seeded.campaignA().toString())) {
				alphaSent = entry.at("/totals/sent").asLong();
			}
		}
		assertThat(alpha.at("/totals/sent").asLong()).isEqualTo(alphaSent).isPositive().isLessThan(sent);
	}

	@Test
	void badParametersAreProblemsThatNameThem() throws Exception {
		String[][] bad = { { "from", "yesterday" }, { "days", "0" }, { "days", "abc" }, { "step", "two" },
				{ "campaign", "not-an-id" }, { "variant", "??" }, { "provider", "hotmail" }, { "step", "0" } };
		for (String[] param : bad) {
			Api.Response response = api.get("/api/v1/analytics/overview", param[0], param[1]);
			assertThat(response.status()).as(param[0]).isEqualTo(400);
			assertThat(response.raw().getContentType()).contains("application/problem+json");
			assertThat(response.body().get("detail").asText()).as(param[0]).contains(param[0]);
		}
		Api.Response backwards = api.get("/api/v1/analytics/overview", "from", "2026-11-10", "to", "2026-11-01");
		assertThat(backwards.status()).isEqualTo(400);
		assertThat(backwards.body().get("detail").asText()).contains("before");
		Api.Response tooLong = api.get("/api/v1/analytics/overview", "from", "2024-01-01", "to", "2026-01-01");
		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(api.get("/api/v1/analytics/events", "kind", "teleported").status()).isEqualTo(400);
		assertThat(api.get("/api/v1/analytics/events", "cursor", "garbage!").status()).isEqualTo(400);
	}

	@Test
	void eventsComeAPageAtATimeWithoutRepeatOrGap() throws Exception {
		long total = fixtures.jdbc()
			.sql("SELECT count(*) FROM tracking_events WHERE workspace_id = ? AND kind = 'open' AND NOT machine")
			.param(account.workspaceId())
			.query(Long.class)
			.single();
		Set<String> seen = new HashSet<>();
		String cursor = null;
		String last = null;
		int pages = 0;
		do {
			Api.Response page = cursor == null
					? api.get("/api/v1/analytics/events", "kind", "opened", "human", "true", "days", "90", "limit",
							"50")
					: api.get("/api/v1/analytics/events", "kind", "opened", "human", "true", "days", "90", "limit",
							"50", "cursor", cursor);
			assertThat(page.status()).isEqualTo(200);
			for (JsonNode event : page.body().get("data")) {
				String at = event.get("at").asText();
				if (last != null) {
					assertThat(Instant.parse(at)).isBeforeOrEqualTo(Instant.parse(last));
				}
				last = at;
				assertThat(event.get("machine").asBoolean()).isFalse();
				assertThat(event.get("email").asText()).contains("@");
				seen.add(at + event.get("email").asText() + event.get("step").asText());
			}
			cursor = page.body().path("nextCursor").asText(null);
			pages++;
		}
		while (cursor != null && pages < 100);
		assertThat(pages).isGreaterThan(1);
		assertThat((long) seen.size()).isEqualTo(total);
	}

	@Test
	void anotherWorkspaceSeesNoneOfItAndOnlyAdminsRebuild() throws Exception {
		Account stranger = fixtures.verifiedAccount("analytics-stranger");
		Api theirs = fixtures.api(stranger, "analytics:read", "analytics:write");
		JsonNode overview = theirs
			.get("/api/v1/analytics/overview", "days", "90", "campaign", seeded.campaignA().toString())
			.body();
		assertThat(overview.at("/totals/sent").asLong()).isZero();
		assertThat(theirs.get("/api/v1/analytics/events", "days", "90").body().get("data")).isEmpty();
		// Without the scope: 403.
		assertThat(fixtures.api(account, "contacts:read").get("/api/v1/analytics/overview").status()).isEqualTo(403);
		assertThat(api.post("/api/v1/analytics/rollups/rebuild", "").status()).isEqualTo(403);
		Api.Response rebuild = fixtures.api(account, "analytics:write").post("/api/v1/analytics/rollups/rebuild", "");
		assertThat(rebuild.status()).isEqualTo(202);
		assertThat(rebuild.body().path("pendingHours").asLong()).isPositive();
		Totals before = totals();
		rollups.refreshAll();
		assertThat(api.get("/api/v1/analytics/rollups").body().path("pendingHours").asLong(-1)).isZero();
		assertThat(totals()).isEqualTo(before);
	}

	private Totals totals() throws Exception {
		return new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules()
			.configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
			.treeToValue(api.get("/api/v1/analytics/overview", "days", "90").body().get("totals"), Totals.class);
	}

}
