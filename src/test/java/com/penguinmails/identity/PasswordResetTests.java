package com.penguinmails.identity;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;

import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class PasswordResetTests {

	static final String NEW_PASSWORD = "purple elephants juggle quietly";

	@Autowired
	Fixtures fixtures;

	@Test
	void resetByEmailedLinkSignsOutEverySessionAndTheLinkWorksOnce() throws Exception {
		Account account = fixtures.verifiedAccount("reset");
		WebSession oldSession = fixtures.signedIn(account);
		WebSession remembered = fixtures.browser();
		remembered.post("/login", "email", account.email(), "password", Fixtures.PASSWORD, "remember-me", "true");
		assertThat(remembered.hasCookie("remember-me")).isTrue();

		WebSession browser = fixtures.browser();
		assertThat(browser.post("/forgot-password", "email", account.email()).getResponse().getContentAsString())
			.contains("If an account uses");
		String token = fixtures.lastToken(account.email(), "/reset-password");

		// A weak password is refused and does not burn the link.
		assertThat(browser.post("/reset-password", "token", token, "password", "aaaaaaaaaaaa")
			.getResponse()
			.getContentAsString()).contains("too easy to guess");

		MvcResult reset = browser.post("/reset-password", "token", token, "password", NEW_PASSWORD);
		assertThat(reset.getResponse().getRedirectedUrl()).isEqualTo("/login?reset");

		// Every session and remember-me token is gone.
		assertThat(oldSession.get("/account").getResponse().getRedirectedUrl()).endsWith("/login");
		remembered.dropCookie("SESSION");
		assertThat(remembered.get("/account").getResponse().getRedirectedUrl()).endsWith("/login");

		assertThat(browser.post("/reset-password", "token", token, "password", "another fine passphrase here")
			.getResponse()
			.getContentAsString()).contains("already been used");
		assertThat(fixtures.browser()
			.post("/login", "email", account.email(), "password", NEW_PASSWORD)
			.getResponse()
			.getRedirectedUrl()).isEqualTo("/");
	}

	@Test
	void resetLinkExpiresAfterOneHour() throws Exception {
		Account account = fixtures.verifiedAccount("slowreset");
		WebSession browser = fixtures.browser();
		browser.post("/forgot-password", "email", account.email());
		String token = fixtures.lastToken(account.email(), "/reset-password");
		Double minutes = fixtures.jdbc()
			.sql("SELECT extract(epoch FROM expires_at - created_at) / 60 FROM user_tokens WHERE user_id = ? AND purpose = 'RESET_PASSWORD'")
			.param(account.userId())
			.query(Double.class)
			.single();
		assertThat(minutes).isEqualTo(60.0);
		fixtures.jdbc()
			.sql("UPDATE user_tokens SET expires_at = now() - interval '1 second' WHERE user_id = ?")
			.param(account.userId())
			.update();
		assertThat(browser.post("/reset-password", "token", token, "password", NEW_PASSWORD)
			.getResponse()
			.getContentAsString()).contains("expired");
	}

	@Test
	void unknownAddressGetsTheSameAnswerAndNoMail() throws Exception {
		String email = Fixtures.uniqueEmail("ghost");
		assertThat(fixtures.browser().post("/forgot-password", "email", email).getResponse().getContentAsString())
			.contains("If an account uses");
		assertThat(fixtures.mailsTo(email)).isZero();
	}

	@Test
	void rememberMeKeepsTheUserSignedInAfterTheSessionEnds() throws Exception {
		Account account = fixtures.verifiedAccount("remember");
		WebSession browser = fixtures.browser();
		browser.post("/login", "email", account.email(), "password", Fixtures.PASSWORD, "remember-me", "true");
		browser.dropCookie("SESSION");
		assertThat(browser.get("/account").getResponse().getStatus()).isEqualTo(200);
	}

}
