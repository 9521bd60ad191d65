package com.penguinmails.analytics;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.OpenApiContract;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled reports API: create, list ({data:[...]}), read, replace, send now,
 * history and delete, all matching the served OpenAPI document; every bad field a 400
 * problem naming it; read-only keys may not write; another workspace's schedule is not
 * found.
 */
@IntegrationTest
class ReportSchedulesApiTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	MockMvc mvc;

	OpenApiContract contract;

	@AfterEach
	void everyExchangeMatchesTheOpenApiDocument() {
		if (contract != null) {
			assertThat(contract.violations()).isEmpty();
		}
	}

	static String body(String name, String cadence, String day, String time, UUID recipient) {
		return """
				{"name": "%s", "view": "campaigns", "period": "last_7_days", "format": "csv", "cadence": "%s",
				 %s "time": "%s", "recipients": ["%s"]}""".formatted(name, cadence, day, time, recipient);
	}

	@Test
	void createListReadReplaceSendNowHistoryAndDelete() throws Exception {
		Account account = fixtures.verifiedAccount("reports-api");
		contract = OpenApiContract.served(mvc);
		Api api = fixtures.api(account, "analytics:read", "analytics:write").checkedBy(contract);

		Api.Response created = api.post("/api/v1/analytics/reports",
				body("Weekly campaigns", "weekly", "\"dayOfWeek\": 1,", "08:00", account.userId()));
		assertThat(created.status()).isEqualTo(201);
		String id = created.body().get("id").asText();
		assertThat(created.header("Location")).isEqualTo("/api/v1/analytics/reports/" + id);
		assertThat(created.body().get("cadence").asText()).isEqualTo("weekly");
		assertThat(created.body().get("time").asText()).isEqualTo("08:00");
		assertThat(created.body().get("nextRunAt").asText()).endsWith("T08:00:00Z");

		// Another report of the same name (in any case) is refused: mails name the
		// report.
		Api.Response twin = api.post("/api/v1/analytics/reports",
				body("weekly CAMPAIGNS", "daily", "", "08:00", account.userId()));
		assertThat(twin.status()).isEqualTo(400);
		assertThat(twin.body().get("field").asText()).isEqualTo("name");
		assertThat(twin.body().get("detail").asText()).contains("exists");

		JsonNode list = api.get("/api/v1/analytics/reports").body();
		assertThat(list.get("data")).hasSize(1);
		assertThat(list.at("/data/0/name").asText()).isEqualTo("Weekly campaigns");
		assertThat(api.get("/api/v1/analytics/reports/" + id).body().get("view").asText()).isEqualTo("campaigns");

		Api.Response replaced = api.put("/api/v1/analytics/reports/" + id,
				body("Monthly campaigns", "monthly", "\"dayOfMonth\": 28,", "09:30", account.userId()));
		assertThat(replaced.status()).isEqualTo(200);
		assertThat(replaced.body().get("dayOfMonth").asInt()).isEqualTo(28);
		assertThat(replaced.body().hasNonNull("dayOfWeek")).isFalse();
		assertThat(replaced.body().get("nextRunAt").asText()).contains("-28T09:30:00Z");

		long mailsBefore = fixtures.mailsTo(account.email());
		Api.Response run = api.post("/api/v1/analytics/reports/" + id + "/run", "");
		assertThat(run.status()).isEqualTo(200);
		assertThat(run.body().get("status").asText()).isEqualTo("sent");
		assertThat(run.body().get("trigger").asText()).isEqualTo("manual");
		assertThat(fixtures.mailsTo(account.email())).isEqualTo(mailsBefore + 1);
		JsonNode runs = api.get("/api/v1/analytics/reports/" + id + "/runs").body();
		assertThat(runs.get("data")).hasSize(1);
		assertThat(runs.at("/data/0/delivery").asText()).isEqualTo("attached");

		assertThat(api.delete("/api/v1/analytics/reports/" + id).status()).isEqualTo(204);
		assertThat(api.get("/api/v1/analytics/reports/" + id).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/analytics/reports").body().get("data")).isEmpty();
	}

	@Test
	void everyBadFieldIsA400NamingIt() throws Exception {
		Account account = fixtures.verifiedAccount("reports-api-bad");
		Account stranger = fixtures.verifiedAccount("reports-api-stranger");
		Api api = fixtures.api(account, "analytics:read", "analytics:write");
		String[][] cases = { { "name", body("", "daily", "", "08:00", account.userId()) },
				{ "view", body("x", "daily", "", "08:00", account.userId()).replace("\"campaigns\"", "\"nope\"") },
				{ "period", body("x", "daily", "", "08:00", account.userId()).replace("last_7_days", "forever") },
				{ "format", body("x", "daily", "", "08:00", account.userId()).replace("\"csv\"", "\"doc\"") },
				{ "cadence", body("x", "hourly", "", "08:00", account.userId()) },
				{ "dayOfWeek", body("x", "weekly", "\"dayOfWeek\": 8,", "08:00", account.userId()) },
				{ "dayOfMonth", body("x", "monthly", "\"dayOfMonth\": 31,", "08:00", account.userId()) },
				{ "time", body("x", "daily", "", "25:00", account.userId()) },
				{ "time", body("x", "daily", "", "8am", account.userId()) },
				{ "recipients", body("x", "daily", "", "08:00", stranger.userId()) } };
		for (String[] c : cases) {
			Api.Response response = api.post("/api/v1/analytics/reports", c[1]);
			assertThat(response.status()).as(c[1]).isEqualTo(400);
			assertThat(response.header("Content-Type")).startsWith("application/problem+json");
			assertThat(response.body().get("field").asText()).as(c[1]).isEqualTo(c[0]);
			// The API's one validation shape: errors {field: message}.
			assertThat(response.body().get("errors").get(c[0]).asText()).as(c[1])
				.isEqualTo(response.body().get("detail").asText());
			assertThat(response.body().get("detail").asText()).as(c[1]).contains(c[0]);
		}
		assertThat(api.get("/api/v1/analytics/reports").body().get("data")).isEmpty();
	}

	@Test
	void readOnlyKeysReadAndOtherWorkspacesSeeNothing() throws Exception {
		Account account = fixtures.verifiedAccount("reports-api-roles");
		Account other = fixtures.verifiedAccount("reports-api-other");
		Api writer = fixtures.api(account, "analytics:read", "analytics:write");
		String id = writer.post("/api/v1/analytics/reports", body("Daily", "daily", "", "07:15", account.userId()))
			.body()
			.get("id")
			.asText();

		Api reader = fixtures.api(account, "analytics:read");
		assertThat(reader.get("/api/v1/analytics/reports").body().get("data")).hasSize(1);
		assertThat(reader.get("/api/v1/analytics/reports/" + id + "/runs").status()).isEqualTo(200);
		assertThat(
				reader.post("/api/v1/analytics/reports", body("No", "daily", "", "07:15", account.userId())).status())
			.isEqualTo(403);
		assertThat(reader.post("/api/v1/analytics/reports/" + id + "/run", "").status()).isEqualTo(403);
		assertThat(reader.delete("/api/v1/analytics/reports/" + id).status()).isEqualTo(403);

		Api stranger = fixtures.api(other, "analytics:read", "analytics:write");
		assertThat(stranger.get("/api/v1/analytics/reports").body().get("data")).isEmpty();
		assertThat(stranger.get("/api/v1/analytics/reports/" + id).status()).isEqualTo(404);
		assertThat(stranger.post("/api/v1/analytics/reports/" + id + "/run", "").status()).isEqualTo(404);
		assertThat(stranger.delete("/api/v1/analytics/reports/" + id).status()).isEqualTo(404);
		assertThat(writer.delete("/api/v1/analytics/reports/" + id).status()).isEqualTo(204);
	}

}
