package com.penguinmails.identity;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;

import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class SignupAndVerificationTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	com.penguinmails.sandbox.SandboxMailbox sandbox;

	@Test
	void signupCreatesOwnerWorkspaceAndMailsASingleUseVerificationLink() throws Exception {
		String email = Fixtures.uniqueEmail("newbie");
		WebSession browser = fixtures.browser();
		MvcResult result = browser.post("/signup", "email", email, "password", Fixtures.PASSWORD, "displayName",
				"Newbie", "workspaceName", "Newbie Co", "timeZone", "Europe/Berlin");
		assertThat(result.getResponse().getContentAsString()).contains("Check your email");

		String role = fixtures.jdbc()
			.sql("SELECT m.role FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = ?")
			.param(email)
			.query(String.class)
			.single();
		assertThat(role).isEqualTo("OWNER");

		// Not verified yet: login refused with a clear message.
		MvcResult early = browser.post("/login", "email", email, "password", Fixtures.PASSWORD);
		assertThat(early.getResponse().getRedirectedUrl()).isEqualTo("/login?error");
		assertThat(browser.get("/login?error").getResponse().getContentAsString())
			.contains("confirm your email address");

		String token = fixtures.lastToken(email, "/verify-email");
		assertThat(browser.get("/verify-email?token=" + token).getResponse().getRedirectedUrl())
			.isEqualTo("/login?verified");
		assertThat(browser.get("/verify-email?token=" + token).getResponse().getContentAsString())
			.contains("already been used");

		assertThat(
				browser.post("/login", "email", email, "password", Fixtures.PASSWORD).getResponse().getRedirectedUrl())
			.isEqualTo("/");
	}

	@Test
	void expiredVerificationLinkIsRefusedWithAClearMessage() throws Exception {
		String email = Fixtures.uniqueEmail("late");
		WebSession browser = fixtures.browser();
		browser.post("/signup", "email", email, "password", Fixtures.PASSWORD);
		String token = fixtures.lastToken(email, "/verify-email");
		fixtures.jdbc()
			.sql("UPDATE user_tokens SET expires_at = now() - interval '1 minute' WHERE user_id = (SELECT id FROM users WHERE email = ?)")
			.param(email)
			.update();
		assertThat(browser.get("/verify-email?token=" + token).getResponse().getContentAsString()).contains("expired");
		assertThat(browser.get("/verify-email?token=nonsense").getResponse().getContentAsString())
			.contains("not valid");
	}

	@Test
	void verificationLinkExpiresAfter24Hours() throws Exception {
		String email = Fixtures.uniqueEmail("ttl");
		fixtures.browser().post("/signup", "email", email, "password", Fixtures.PASSWORD);
		Double hours = fixtures.jdbc()
			.sql("SELECT extract(epoch FROM t.expires_at - t.created_at) / 3600 FROM user_tokens t JOIN users u ON u.id = t.user_id WHERE u.email = ?")
			.param(email)
			.query(Double.class)
			.single();
		assertThat(hours).isEqualTo(24.0);
	}

	@Test
	void weakPasswordIsRefusedAndTheFormKeepsTheEmail() throws Exception {
		String email = Fixtures.uniqueEmail("weak");
		String page = fixtures.browser()
			.post("/signup", "email", email, "password", "password123")
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("too easy to guess").contains(email);
		String shortPage = fixtures.browser()
			.post("/signup", "email", email, "password", "Xk#9q")
			.getResponse()
			.getContentAsString();
		assertThat(shortPage).contains("at least 10 characters");
		assertThat(fixtures.jdbc()
			.sql("SELECT count(*) FROM users WHERE email = ?")
			.param(email)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void signUpWithARegisteredAddressAnswersAsForANewOneAndTellsTheOwner() throws Exception {
		Fixtures.Account existing = fixtures.verifiedAccount("dup");
		String again = existing.email().toUpperCase().replace("@EXAMPLE.COM", "@Example.com");
		String fresh = Fixtures.uniqueEmail("fresh");
		String taken = fixtures.browser()
			.post("/signup", "email", again, "password", Fixtures.PASSWORD)
			.getResponse()
			.getContentAsString();
		String created = fixtures.browser()
			.post("/signup", "email", fresh, "password", Fixtures.PASSWORD)
			.getResponse()
			.getContentAsString();
		// The same page, but for the address and the form's CSRF token.
		String csrf = "name=\"_csrf\" (value|content)=\"[^\"]*\"";
		assertThat(taken.replaceAll(csrf, "")).doesNotContain("already exists")
			.isEqualTo(created.replace(fresh, again).replaceAll(csrf, ""));
		assertThat(sandbox.messages()).anyMatch(mail -> mail.addressedTo(existing.email())
				&& mail.subject().startsWith("Someone tried to sign up") && mail.text().contains("/forgot-password"));
		assertThat(fixtures.jdbc()
			.sql("SELECT count(*) FROM users WHERE lower(email) = lower(?)")
			.param(existing.email())
			.query(Long.class)
			.single()).isEqualTo(1L);
	}

	@Test
	void invalidEmailIsRefused() throws Exception {
		String page = fixtures.browser()
			.post("/signup", "email", "not-an-email", "password", Fixtures.PASSWORD)
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("valid email address");
	}

	@Test
	void passwordIsStoredAsBcryptHash() {
		Fixtures.Account account = fixtures.verifiedAccount("hash");
		String hash = fixtures.jdbc()
			.sql("SELECT password_hash FROM users WHERE id = ?")
			.param(account.userId())
			.query(String.class)
			.single();
		assertThat(hash).startsWith("{bcrypt}$2a$").doesNotContain(Fixtures.PASSWORD);
		assertThat(UUID.fromString(account.userId().toString())).isNotNull();
	}

}
