package com.penguinmails.reputation;

import java.time.LocalDate;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /api/v1/reputation/postmaster: the connections (never a secret), the SNDS key with a
 * 400 for a malformed one, pulling now and the figures, disconnecting, the period's
 * bounds, an unknown provider, and the scopes.
 */
@IntegrationTest
class PostmasterApiTests {

	@Autowired
	Fixtures fixtures;

	WireMockServer providers;

	@BeforeEach
	void stubs() {
		providers = PostmasterStubs.reset();
	}

	@Test
	void sndsIsConnectedPulledReadAndDisconnected() throws Exception {
		Account account = fixtures.verifiedAccount("pm-api");
		Api api = fixtures.api(account, "reputation:read", "reputation:write");
		JsonNode none = api.get("/api/v1/reputation/postmaster").body();
		assertThat(none.path("google").isMissingNode()).isTrue();
		assertThat(none.path("snds").isMissingNode()).isTrue();
		assertThat(none.path("googleAvailable").asBoolean()).isTrue();

		String key = "a1b2c3d4-1111-2222-3333-444455556666";
		LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
		PostmasterStubs.sndsData(providers, key, yesterday);
		assertThat(api.put("/api/v1/reputation/postmaster/snds", "{\"key\":\"" + key + "\"}").status()).isEqualTo(204);
		JsonNode connected = api.get("/api/v1/reputation/postmaster").body().path("snds");
		assertThat(connected.path("status").asText()).isEqualTo("connected");
		assertThat(connected.path("account").asText()).isEqualTo("key ending in 6666");
		assertThat(connected.toString()).doesNotContain(key);

		Api.Response pulled = api.post("/api/v1/reputation/postmaster/snds/sync", "");
		assertThat(pulled.status()).isEqualTo(200);
		assertThat(pulled.body().path("status").asText()).isEqualTo("connected");
		assertThat(pulled.body().path("days").asInt()).isEqualTo(2);
		JsonNode data = api
			.get("/api/v1/reputation/postmaster/data", "from", yesterday.toString(), "to", yesterday.toString())
			.body();
		assertThat(data.path("snds")).hasSize(2);
		assertThat(data.path("snds").findValuesAsText("filterResult")).containsExactlyInAnyOrder("GREEN", "RED");
		assertThat(data.path("ipStatus").get(0).path("blocked").asBoolean()).isTrue();

		assertThat(api.delete("/api/v1/reputation/postmaster/snds").status()).isEqualTo(204);
		assertThat(api.get("/api/v1/reputation/postmaster").body().path("snds").isMissingNode()).isTrue();
		// The figures pulled stay.
		assertThat(
				api.get("/api/v1/reputation/postmaster/data", "from", yesterday.toString(), "to", yesterday.toString())
					.body()
					.path("snds"))
			.hasSize(2);
		assertThat(api.delete("/api/v1/reputation/postmaster/snds").status()).isEqualTo(404);
	}

	@Test
	void badInputIsAProblemNeverAServerError() throws Exception {
		Account account = fixtures.verifiedAccount("pm-api-bad");
		Api api = fixtures.api(account, "reputation:read", "reputation:write");
		Api.Response badKey = api.put("/api/v1/reputation/postmaster/snds", "{\"key\":\"<script>\"}");
		assertThat(badKey.status()).isEqualTo(400);
		assertThat(badKey.body().path("type").asText()).endsWith("/postmaster-snds-key");
		// Letters and dashes are not enough: SNDS keys are GUIDs.
		assertThat(api.put("/api/v1/reputation/postmaster/snds", "{\"key\":\"not-a-real-key\"}").status())
			.isEqualTo(400);
		// The whole data feed URL, as SNDS shows it, gives its key.
		assertThat(api.put("/api/v1/reputation/postmaster/snds",
				"{\"key\":\"https://sendersupport.olc.protection.outlook.com/snds/data.aspx?key=a1b2c3d4-1111-2222-3333-444455557777\"}")
			.status()).isEqualTo(204);
		assertThat(api.get("/api/v1/reputation/postmaster").body().path("snds").path("account").asText())
			.isEqualTo("key ending in 7777");
		assertThat(api.put("/api/v1/reputation/postmaster/snds", "{}").status()).isEqualTo(400);
		assertThat(api.get("/api/v1/reputation/postmaster/data", "from", "yesterday").status()).isEqualTo(400);
		assertThat(api.get("/api/v1/reputation/postmaster/data", "from", "2026-02-01", "to", "2026-01-01").status())
			.isEqualTo(400);
		assertThat(api.get("/api/v1/reputation/postmaster/data", "from", "2025-01-01", "to", "2026-01-01").status())
			.isEqualTo(400);
		assertThat(api.post("/api/v1/reputation/postmaster/yahoo/sync", "").status()).isEqualTo(404);
		assertThat(api.post("/api/v1/reputation/postmaster/google/sync", "").status()).isEqualTo(404);
	}

	@Test
	void readingNeedsTheReadScopeAndConnectingTheWriteScope() throws Exception {
		Account owner = fixtures.verifiedAccount("pm-api-owner");
		assertThat(fixtures.api(owner, "warmup:read").get("/api/v1/reputation/postmaster").status()).isEqualTo(403);
		assertThat(fixtures.api(owner, "reputation:read")
			.put("/api/v1/reputation/postmaster/snds", "{\"key\":\"a1b2c3d4-1111-2222-3333-444455556666\"}")
			.status()).isEqualTo(403);
		assertThat(fixtures.api(owner, "reputation:read", "reputation:write")
			.put("/api/v1/reputation/postmaster/snds", "{\"key\":\"a1b2c3d4-1111-2222-3333-444455556666\"}")
			.status()).isEqualTo(204);
	}

}
