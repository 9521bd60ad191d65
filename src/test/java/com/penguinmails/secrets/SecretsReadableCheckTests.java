package com.penguinmails.secrets;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.shared.Secrets;
import com.penguinmails.shared.SystemCheck;
import com.penguinmails.shared.internal.KeyRing;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code secrets.readable} on the status page: a secret wrapped by a key this node does
 * not have (a master key removed before its secrets were re-wrapped) fails the check,
 * naming the column and never the secret.
 */
@IntegrationTest
class SecretsReadableCheckTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	List<SystemCheck> checks;

	@Test
	void aSecretWrappedByAKeyNoLongerConfiguredFailsTheCheck() {
		SystemCheck check = checks.stream().filter(c -> c.key().equals("secrets.readable")).findFirst().orElseThrow();
		Account account = fixtures.verifiedAccount("unreadable");
		Secrets removedKey = KeyRing.secrets(List.of(java.util.Base64.getDecoder().decode(SecretsCommands.newKey())),
				new byte[32]);
		byte[] foreign = removedKey.encrypt("JBSWY3DPEHPK3PXP", "totp:" + account.userId());
		fixtures.jdbc().sql("UPDATE users SET totp_secret = ? WHERE id = ?").params(foreign, account.userId()).update();
		try {
			SystemCheck.Result result = check.run();
			assertThat(result.status()).isEqualTo(SystemCheck.Status.FAILING);
			assertThat(result.summary()).contains("users.totp_secret").doesNotContain("JBSWY3DPEHPK3PXP");
			assertThat(result.whatToDo()).contains("PENGUINMAILS_MASTER_KEYS_PREVIOUS");
		}
		finally {
			fixtures.jdbc().sql("UPDATE users SET totp_secret = NULL WHERE id = ?").param(account.userId()).update();
		}
		assertThat(check.run().summary()).doesNotContain("users.totp_secret");
	}

}
