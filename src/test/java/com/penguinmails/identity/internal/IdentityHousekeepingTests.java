package com.penguinmails.identity.internal;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class IdentityHousekeepingTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	IdentityHousekeeping housekeeping;

	@Test
	void oldLoginActivityAndSpentTokensAreRemovedAndRecentOnesKept() throws Exception {
		Account account = fixtures.verifiedAccount("tidy");
		fixtures.signedIn(account);
		fixtures.browser().post("/forgot-password", "email", account.email());
		fixtures.jdbc()
			.sql("INSERT INTO login_attempts (user_id, email, ip, success, created_at) VALUES (?, ?, '192.0.2.1', false, now() - interval '91 days')")
			.params(account.userId(), account.email())
			.update();
		fixtures.jdbc()
			.sql("UPDATE user_tokens SET expires_at = now() - interval '8 days' WHERE user_id = ?")
			.param(account.userId())
			.update();

		housekeeping.clean();

		assertThat(fixtures.jdbc()
			.sql("SELECT count(*) FROM login_attempts WHERE user_id = ?")
			.param(account.userId())
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(fixtures.jdbc()
			.sql("SELECT count(*) FROM user_tokens WHERE user_id = ?")
			.param(account.userId())
			.query(Long.class)
			.single()).isZero();
	}

}
