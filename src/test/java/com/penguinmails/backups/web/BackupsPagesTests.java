package com.penguinmails.backups.web;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.MockMvc;

import com.penguinmails.backups.Backup;
import com.penguinmails.backups.Backups;
import com.penguinmails.shared.Secrets;
import com.penguinmails.shared.SignedIds;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.OpenApiContract;
import com.penguinmails.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * {@code /system/backups} and {@code /api/v1/system/backups}: installation admins only
 * (another workspace's owner gets 403, an admin's key needs the system scopes), "Back up
 * now" starts a backup that the list shows running then done, a signed link downloads a
 * backup without a login, and the API answers as its OpenAPI document says.
 */
@IntegrationTest
class BackupsPagesTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	MockMvc mvc;

	@Autowired
	Backups backups;

	@Autowired
	Secrets secrets;

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

	@Test
	void aSignedLinkDownloadsTheBackupWithoutALoginForAnHour() throws Exception {
		Fixtures.Account admin = BackupsAdmin.of(fixtures);
		Backup backup = backups.takeNow("manual");
		assertThat(backup.status()).as(backup.error()).isEqualTo("succeeded");
		Api api = fixtures.api(admin, "analytics:read");
		assertThat(api.post("/api/v1/system/backups/" + backup.id() + "/download-link", "").status()).isEqualTo(403);
		fixtures.jdbc()
			.sql("""
					UPDATE api_keys SET scopes = scopes || ARRAY['system:read', 'system:write']
					WHERE id = (SELECT id FROM api_keys WHERE workspace_id = ? ORDER BY created_at DESC LIMIT 1)""")
			.param(admin.workspaceId())
			.update();
		OpenApiContract contract = OpenApiContract.served(mvc);
		Api.Response created = api.checkedBy(contract)
			.post("/api/v1/system/backups/" + backup.id() + "/download-link", "");
		assertThat(created.status()).isEqualTo(201);
		URI link = URI.create(created.body().get("url").asText());
		assertThat(Instant.parse(created.body().get("expiresAt").asText()))
			.isBetween(Instant.now().plus(Duration.ofMinutes(59)), Instant.now().plus(Duration.ofMinutes(61)));
		assertThat(api.post("/api/v1/system/backups/" + UUID.randomUUID() + "/download-link", "").status())
			.isEqualTo(404);
		assertThat(contract.violations()).isEmpty();

		// No session, no key: the link is the credential, and it serves the file as
		// stored.
		MvcResult file = mvc.perform(asyncDispatch(mvc.perform(get(link.getRawPath())).andReturn())).andReturn();
		assertThat(file.getResponse().getStatus()).isEqualTo(200);
		assertThat(file.getResponse().getHeader("Content-Disposition"))
			.isEqualTo("attachment; filename=\"" + Path.of(backup.location()).getFileName() + "\"");
		assertThat(file.getResponse().getHeader("Cache-Control")).contains("no-store");
		assertThat(file.getResponse().getContentAsByteArray())
			.isEqualTo(Files.readAllBytes(Path.of(backup.location())));

		// Altered, expired, or signed for another purpose: refused.
		String token = link.getRawPath().substring(link.getRawPath().lastIndexOf('/') + 1);
		String altered = (token.charAt(3) == 'A' ? "B" : "A");
		altered = token.substring(0, 3) + altered + token.substring(4);
		SignedIds expired = new SignedIds(secrets, "backup-download");
		SignedIds reports = new SignedIds(secrets, "report-download");
		for (String bad : List.of(altered, expired.mint(backup.id(), Instant.now().minusSeconds(1)),
				reports.mint(backup.id(), Instant.now().plusSeconds(600)), "not-a-token")) {
			MvcResult refused = mvc.perform(get("/system/backups/download/" + bad)).andReturn();
			assertThat(refused.getResponse().getStatus()).as(bad).isEqualTo(404);
			assertThat(refused.getResponse().getContentAsString()).contains("Make a new one on /system/backups");
		}
		// The page links each stored backup for its admins.
		assertThat(fixtures.signedIn(admin).get("/system/backups").getResponse().getContentAsString())
			.contains("/system/backups/download/");
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
