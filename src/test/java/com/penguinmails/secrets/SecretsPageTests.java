package com.penguinmails.secrets;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;

import com.penguinmails.secrets.internal.BackgroundRewrap;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebSession;
import com.penguinmails.system.SystemAdmins;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /system/secrets}: the installation admin sees the counts per secret column and
 * starts a background re-wrap (nothing to move here: every secret is already under the
 * context's master key); anyone else is refused.
 */
@IntegrationTest
class SecretsPageTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	BackgroundRewrap rewrap;

	@Test
	void theAdminSeesEachColumnAndRewrapsInTheBackground() throws Exception {
		Account admin = SystemAdmins.admin(fixtures, "secrets-admin");
		WebSession session = fixtures.signedIn(admin);
		String page = session.get("/system/secrets").getResponse().getContentAsString();
		assertThat(page).contains("Secrets at rest")
			.contains("users.totp_secret")
			.contains("mailboxes.smtp_password")
			.contains("Mailbox SMTP passwords");

		MvcResult started = session.post("/system/secrets/rewrap");
		assertThat(started.getResponse().getRedirectedUrl()).isEqualTo("/system/secrets");
		Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
		while (rewrap.last().finished() == null && Instant.now().isBefore(deadline)) {
			Thread.sleep(50);
		}
		BackgroundRewrap.Run run = rewrap.last();
		assertThat(run.finished()).isNotNull();
		assertThat(run.error()).isNull();
		assertThat(run.unreadable()).isZero();
		assertThat(run.columns()).hasSize(com.penguinmails.secrets.internal.SecretColumns.ALL.size());
		assertThat(session.get("/system/secrets").getResponse().getContentAsString()).contains("re-wrapped");
	}

	@Test
	void nobodyButAnInstallationAdminGetsIn() throws Exception {
		Account other = fixtures.verifiedAccount("secrets-other");
		WebSession session = fixtures.signedIn(other);
		assertThat(session.get("/system/secrets").getResponse().getStatus()).isEqualTo(403);
		assertThat(session.post("/system/secrets/rewrap").getResponse().getStatus()).isEqualTo(403);
	}

}
