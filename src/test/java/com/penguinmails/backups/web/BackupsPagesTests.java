package com.penguinmails.backups.web;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.MockMvc;

import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.OpenApiContract;
import com.penguinmails.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /system/backups} and {@code /api/v1/system/backups}: installation admins only
 * (another workspace's owner gets 403, an admin's key needs the system scopes), "Back up
 * now" starts a backup that the list shows running then done, and the API answers as its
 * OpenAPI document says.
 */
@IntegrationTest
class BackupsPagesTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	MockMvc mvc;

	@Test
	void onlyInstallationAdminsSeeBackupsAndTakeOneNow() throws Exception {
		Fixtures.Account admin = BackupsAdmin.of(fixtures);
		Fixtures.Account other = fixtures.verifiedAccount("not-admin");
		assertThat(fixtures.signedIn(other).get("/system/backups").getResponse().getStatus()).isEqualTo(403);
		assertThat(fixtures.signedIn(other).post("/system/backups").getResponse().getStatus()).isEqualTo(403);

		WebSession session = fixtures.signedIn(admin);
		MvcResult page = session.get("/system/backups");
		assertThat(page.getResponse().getStatus()).isEqualTo(200);
		assertThat(page.getResponse().getContentAsString()).contains("Back up now")
			.contains("java -jar penguinmails.jar restore");

		MvcResult started = session.post("/system/backups");
		assertThat(started.getResponse().getRedirectedUrl()).isEqualTo("/system/backups");
		String rows = awaitDone(session);
		assertThat(rows).contains("Manual").contains("Done").contains("Row counts matched").doesNotContain("manual<");
	}

	@Test
	void theApiListsAndStartsBackupsForAnAdminsKeyWithTheSystemScopes() throws Exception {
		Fixtures.Account admin = BackupsAdmin.of(fixtures);
		Api withoutScope = fixtures.api(admin, "analytics:read");
		Api.Response refused = withoutScope.get("/api/v1/system/backups");
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
		assertThat(refused.body().get("detail").asText()).contains("system:read");
		Api.Response notAdmin = fixtures.api(fixtures.verifiedAccount("api-not-admin"), "analytics:read")
			.get("/api/v1/system/backups");
		assertThat(notAdmin.status()).isEqualTo(403);

		// The system scope group comes with the status page's work; until then the key
		// is given the scopes directly.
		Api api = fixtures.api(admin, "analytics:read");
		fixtures.jdbc()
			.sql("""
					UPDATE api_keys SET scopes = scopes || ARRAY['system:read', 'system:write']
					WHERE id = (SELECT id FROM api_keys WHERE workspace_id = ? ORDER BY created_at DESC LIMIT 1)""")
			.param(admin.workspaceId())
			.update();
		OpenApiContract contract = OpenApiContract.served(mvc);
		api = api.checkedBy(contract);

		Api.Response started = api.post("/api/v1/system/backups", "");
		assertThat(started.status()).isEqualTo(202);
		UUID id = UUID.fromString(started.body().get("id").asText());
		Api.Response list = api.get("/api/v1/system/backups", "limit", "5");
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.body().get("backups").findValuesAsText("id")).contains(id.toString());
		assertThat(api.get("/api/v1/system/backups", "limit", "0").status()).isEqualTo(400);
		assertThat(contract.violations()).isEmpty();
		awaitDone(fixtures.signedIn(admin));
	}

	private static String awaitDone(WebSession session) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		String rows;
		do {
			Thread.sleep(300);
			rows = session.get("/system/backups/rows").getResponse().getContentAsString();
		}
		while (rows.contains("Running") && System.nanoTime() < deadline);
		return rows;
	}

}
