package com.penguinmails.identity;

import org.altcha.altcha.Altcha;
import org.altcha.altcha.Altcha.Challenge;
import org.altcha.altcha.Altcha.Solution;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class LoginProtectionTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	ObjectMapper json;

	@Test
	void fiveFailuresLockTheAccountFor15MinutesWithoutRevealingIt() throws Exception {
		Account account = fixtures.verifiedAccount("locked");
		for (int i = 0; i < 5; i++) {
			// A fresh IP each time: this is the per-account rule, not the per-IP one.
			fixtures.browser().post("/login", "email", account.email(), "password", "wrong password " + i);
		}
		Integer minutes = fixtures.jdbc()
			.sql("SELECT round(extract(epoch FROM locked_until - now()) / 60)::int FROM users WHERE id = ?")
			.param(account.userId())
			.query(Integer.class)
			.single();
		assertThat(minutes).isBetween(14, 15);

		WebSession browser = fixtures.browser();
		MvcResult right = browser.post("/login", "email", account.email(), "password", Fixtures.PASSWORD);
		assertThat(right.getResponse().getRedirectedUrl()).isEqualTo("/login?error");
		String lockedMessage = browser.get("/login?error").getResponse().getContentAsString();

		WebSession stranger = fixtures.browser();
		stranger.post("/login", "email", Fixtures.uniqueEmail("nobody"), "password", Fixtures.PASSWORD);
		String unknownMessage = stranger.get("/login?error").getResponse().getContentAsString();
		assertThat(lockedMessage).contains("Wrong email or password, or too many attempts");
		assertThat(unknownMessage).contains("Wrong email or password, or too many attempts");

		// Once the 15 minutes have passed, the right password works again.
		fixtures.jdbc()
			.sql("UPDATE users SET locked_until = now() - interval '1 second' WHERE id = ?")
			.param(account.userId())
			.update();
		assertThat(fixtures.browser()
			.post("/login", "email", account.email(), "password", Fixtures.PASSWORD)
			.getResponse()
			.getRedirectedUrl()).isEqualTo("/");
	}

	@Test
	void everyAttemptIsInTheLoginActivity() throws Exception {
		Account account = fixtures.verifiedAccount("activity");
		fixtures.browser().post("/login", "email", account.email(), "password", "nope nope nope");
		WebSession session = fixtures.signedIn(account);
		String page = session.get("/account/security").getResponse().getContentAsString();
		assertThat(page).contains("bad-password").contains("success").contains(session.ip());
	}

	@Test
	void afterThreeFailuresFromAnIpTheCaptchaIsRequiredAndVerifiedServerSide() throws Exception {
		Account account = fixtures.verifiedAccount("captcha");
		WebSession browser = fixtures.browser();
		for (int i = 0; i < 3; i++) {
			browser.post("/login", "email", account.email(), "password", "wrong " + i);
		}
		assertThat(browser.get("/login").getResponse().getContentAsString()).contains("altcha-widget");

		// Right password, no CAPTCHA: refused before the password is looked at.
		MvcResult without = browser.post("/login", "email", account.email(), "password", Fixtures.PASSWORD);
		assertThat(without.getResponse().getRedirectedUrl()).isEqualTo("/login?captcha");

		// A forged payload fails too.
		MvcResult forged = browser.post("/login", "email", account.email(), "password", Fixtures.PASSWORD, "altcha",
				"eyJmb3JnZWQiOnRydWV9");
		assertThat(forged.getResponse().getRedirectedUrl()).isEqualTo("/login?captcha");

		// Solving the challenge the way the widget does lets the login through, once.
		String payload = solve(browser);
		MvcResult solved = browser.post("/login", "email", account.email(), "password", Fixtures.PASSWORD, "altcha",
				payload);
		assertThat(solved.getResponse().getRedirectedUrl()).isEqualTo("/");

		// The success resets the IP's count: the next login from it needs no CAPTCHA.
		assertThat(fixtures.browser().get("/login").getResponse().getContentAsString()).doesNotContain("altcha-widget");
	}

	@Test
	void aCaptchaSolutionIsAcceptedOnlyOnce() throws Exception {
		Account account = fixtures.verifiedAccount("replay");
		WebSession browser = fixtures.browser();
		for (int i = 0; i < 3; i++) {
			browser.post("/login", "email", account.email(), "password", "wrong " + i);
		}
		String payload = solve(browser);
		browser.post("/login", "email", account.email(), "password", "still wrong", "altcha", payload);
		MvcResult replayed = browser.post("/login", "email", account.email(), "password", Fixtures.PASSWORD, "altcha",
				payload);
		assertThat(replayed.getResponse().getRedirectedUrl()).isEqualTo("/login?captcha");
	}

	@Test
	void theCaptchaAsksForRealWork() throws Exception {
		// A solver hashes half of maxnumber on average: at 1,500,000 about 0.7 s of one
		// core for a Python script (bench/captcha.sh); at the old 100,000, 30 ms.
		String body = fixtures.browser().get("/captcha/challenge").getResponse().getContentAsString();
		assertThat(json.readValue(body, Challenge.class).maxnumber).isGreaterThanOrEqualTo(1_500_000L);
	}

	@Test
	void loginsAreThrottledPerIp() throws Exception {
		WebSession browser = fixtures.browser();
		int throttledAt = -1;
		for (int i = 0; i < 40 && throttledAt < 0; i++) {
			MvcResult result = browser.post("/login", "email", Fixtures.uniqueEmail("spray"), "password", "guess " + i);
			if (result.getResponse().getStatus() == 429) {
				throttledAt = i;
				assertThat(result.getResponse().getHeader("Retry-After")).isNotBlank();
				assertThat(result.getResponse().getContentAsString()).contains("Too many login attempts");
			}
		}
		assertThat(throttledAt).isEqualTo(30);
	}

	private String solve(WebSession browser) throws Exception {
		String body = browser.get("/captcha/challenge").getResponse().getContentAsString();
		Challenge challenge = json.readValue(body, Challenge.class);
		Solution solution = Altcha.solveChallenge(challenge.challenge, challenge.salt, Altcha.Algorithm.SHA256,
				challenge.maxnumber, 0);
		String payload = json
			.writeValueAsString(java.util.Map.of("algorithm", "SHA-256", "challenge", challenge.challenge, "number",
					solution.number, "salt", challenge.salt, "signature", challenge.signature));
		return java.util.Base64.getEncoder().encodeToString(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

}
