package com.penguinmails.identity;

import java.time.Instant;
import java.util.List;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;

import com.penguinmails.identity.internal.TwoFactorService;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class TwoFactorTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	TwoFactorService twoFactor;

	static String code(String secret, long offsetSteps) throws Exception {
		long step = Instant.now().getEpochSecond() / 30 + offsetSteps;
		return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, step);
	}

	/** Waits for the next 30 s step when the current one ends within 3 s. */
	static void awayFromStepEnd() throws InterruptedException {
		long intoStep = System.currentTimeMillis() % 30_000;
		if (intoStep > 27_000) {
			Thread.sleep(30_000 - intoStep + 200);
		}
	}

	@Test
	void enrolmentThroughThePagesThenLoginNeedsTheCode() throws Exception {
		Account account = fixtures.verifiedAccount("totp");
		WebSession session = fixtures.signedIn(account);
		String setup = session.get("/account/2fa/setup").getResponse().getContentAsString();
		assertThat(setup).contains("data:image/png;base64,");
		String secret = setup.replaceAll("(?s).*id=\"totp-secret\">([A-Z2-7]+)<.*", "$1");
		assertThat(secret).hasSize(32);

		assertThat(session.post("/account/2fa/enable", "code", "000000").getResponse().getRedirectedUrl())
			.isEqualTo("/account/2fa/setup");
		// The previous step's code (the current one is used to log in below, and a code
		// is accepted once): not within 3 s of a step's end, or it is two steps old when
		// checked (a CI run found this).
		awayFromStepEnd();
		MvcResult enabled = session.post("/account/2fa/enable", "code", code(secret, -1));
		String codesPage = enabled.getResponse().getContentAsString();
		List<String> backupCodes = List
			.of(codesPage.replaceAll("(?s).*<ul class=\"codes card\" id=\"backup-codes\">(.*?)</ul>.*", "$1")
				.replaceAll("<li>|</li>", " ")
				.trim()
				.split("\\s+"));
		assertThat(backupCodes).hasSize(10);
		String stored = fixtures.jdbc()
			.sql("SELECT encode(totp_secret, 'escape') FROM users WHERE id = ?")
			.param(account.userId())
			.query(String.class)
			.single();
		assertThat(stored).doesNotContain(secret);

		// Password alone only opens the code page.
		WebSession login = fixtures.browser();
		assertThat(login.post("/login", "email", account.email(), "password", Fixtures.PASSWORD)
			.getResponse()
			.getRedirectedUrl()).endsWith("/login/2fa");
		assertThat(login.get("/account").getResponse().getRedirectedUrl()).isEqualTo("/login/2fa");
		assertThat(login.post("/login/2fa", "code", "123456").getResponse().getContentAsString())
			.contains("That code is not right");
		String current = code(secret, 0);
		assertThat(login.post("/login/2fa", "code", current).getResponse().getRedirectedUrl()).isEqualTo("/");
		assertThat(login.get("/account").getResponse().getStatus()).isEqualTo(200);

		// The same code cannot be replayed by someone else.
		WebSession replay = fixtures.browser();
		replay.post("/login", "email", account.email(), "password", Fixtures.PASSWORD);
		assertThat(replay.post("/login/2fa", "code", current).getResponse().getContentAsString())
			.contains("That code is not right");

		// A backup code works once.
		assertThat(replay.post("/login/2fa", "code", backupCodes.get(0)).getResponse().getRedirectedUrl())
			.isEqualTo("/");
		WebSession again = fixtures.browser();
		again.post("/login", "email", account.email(), "password", Fixtures.PASSWORD);
		assertThat(again.post("/login/2fa", "code", backupCodes.get(0)).getResponse().getContentAsString())
			.contains("That code is not right");
		assertThat(twoFactor.remainingBackupCodes(account.userId())).isEqualTo(9);
	}

	@Test
	void disablingNeedsPasswordAndCode() throws Exception {
		Account account = fixtures.verifiedAccount("totpoff");
		String secret = twoFactor.newEnrolment(account.email()).secret();
		List<String> backup = twoFactor.enable(account.userId(), secret, code(secret, 0), "127.0.0.1");
		WebSession session = fixtures.browser();
		session.post("/login", "email", account.email(), "password", Fixtures.PASSWORD);
		session.post("/login/2fa", "code", backup.get(0));

		assertThat(flash(session.post("/account/2fa/disable", "password", "wrong", "code", backup.get(1))))
			.contains("password is not correct");
		assertThat(flash(session.post("/account/2fa/disable", "password", Fixtures.PASSWORD, "code", "999999")))
			.contains("code is not right");
		assertThat(flash(session.post("/account/2fa/disable", "password", Fixtures.PASSWORD, "code", backup.get(1))))
			.contains("is off");
		assertThat(fixtures.browser()
			.post("/login", "email", account.email(), "password", Fixtures.PASSWORD)
			.getResponse()
			.getRedirectedUrl()).isEqualTo("/");
	}

	@Test
	void backupCodesCanBeRegeneratedAndTheOldOnesStopWorking() throws Exception {
		Account account = fixtures.verifiedAccount("regen");
		String secret = twoFactor.newEnrolment(account.email()).secret();
		List<String> old = twoFactor.enable(account.userId(), secret, code(secret, 0), "127.0.0.1");
		List<String> fresh = twoFactor.regenerateBackupCodes(account.userId(), Fixtures.PASSWORD, "127.0.0.1");
		assertThat(fresh).hasSize(10).doesNotContainAnyElementsOf(old);
		assertThat(twoFactor.verify(account.userId(), old.get(0))).isFalse();
		assertThat(twoFactor.verify(account.userId(), fresh.get(0))).isTrue();
	}

	@Test
	void wrongCodesCountTowardTheLockout() throws Exception {
		Account account = fixtures.verifiedAccount("codelock");
		String secret = twoFactor.newEnrolment(account.email()).secret();
		twoFactor.enable(account.userId(), secret, code(secret, 0), "127.0.0.1");
		WebSession session = fixtures.browser();
		session.post("/login", "email", account.email(), "password", Fixtures.PASSWORD);
		MvcResult last = null;
		for (int i = 0; i < 5; i++) {
			last = session.post("/login/2fa", "code", String.format("%06d", i));
		}
		assertThat(last.getResponse().getRedirectedUrl()).isEqualTo("/login?locked");
	}

	@Test
	void workspaceRequiring2faSendsMembersWithoutItToEnrolment() throws Exception {
		Account owner = fixtures.verifiedAccount("strict");
		WebSession ownerSession = fixtures.signedIn(owner);
		ownerSession.post("/settings/workspace/require-2fa", "required", "true");
		assertThat(fixtures.jdbc()
			.sql("SELECT require_2fa FROM workspaces WHERE id = ?")
			.param(owner.workspaceId())
			.query(Boolean.class)
			.single()).isTrue();

		WebSession next = fixtures.signedIn(owner);
		assertThat(next.get("/settings/members").getResponse().getRedirectedUrl())
			.isEqualTo("/account/2fa/setup?required");
		String setup = next.get("/account/2fa/setup?required").getResponse().getContentAsString();
		assertThat(setup).contains("requires two-factor authentication");
		String secret = setup.replaceAll("(?s).*id=\"totp-secret\">([A-Z2-7]+)<.*", "$1");
		next.post("/account/2fa/enable", "code", code(secret, 0));
		assertThat(next.get("/settings/members").getResponse().getStatus()).isEqualTo(200);
	}

	private static String flash(MvcResult result) {
		Object notice = result.getFlashMap().get("notice");
		Object error = result.getFlashMap().get("error");
		return String.valueOf(notice != null ? notice : error);
	}

}
