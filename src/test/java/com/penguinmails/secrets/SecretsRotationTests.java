package com.penguinmails.secrets;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.identity.internal.TwoFactorService;
import com.penguinmails.mailboxes.ConnectionTest;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.NewMailbox;
import com.penguinmails.mailboxes.Security;
import com.penguinmails.mailboxes.ServerSettings;
import com.penguinmails.shared.PenguinMailsProperties;
import com.penguinmails.shared.Secrets;
import com.penguinmails.shared.internal.KeyRing;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.tracking.internal.LinkTokens;
import com.penguinmails.webhooks.internal.endpoints.EndpointRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 22's "master-key rotation with every secret still readable", as an operator runs
 * it on the shared test database: secrets of several kinds stored through the features (a
 * mailbox's SMTP password, a TOTP seed, a DKIM key, a webhook signing secret) under the
 * context's master key A; the derivation key pinned ({@code secrets derivation-key}); key
 * B made current with A as previous and {@code secrets rewrap} run; A dropped and
 * {@code secrets check} run with B alone; every secret read back with B alone, its
 * payload unchanged, every derived key (tracking links signed before) the same. Then the
 * same rotation back to A, so the shared context (which knows only A) reads them through
 * the features again.
 */
@IntegrationTest
class SecretsRotationTests {

	static final String WEBHOOK = """
			{"url": "https://hooks.example.org/rotation", "eventTypes": ["message.bounced"]}""";

	@Autowired
	Fixtures fixtures;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	TwoFactorService twoFactor;

	@Autowired
	EndpointRepository endpoints;

	@Autowired
	LinkTokens links;

	@Autowired
	Secrets secrets;

	@Autowired
	PenguinMailsProperties properties;

	@Autowired
	DataSource dataSource;

	GreenMail mailServer;

	@BeforeEach
	void startMailServer() {
		mailServer = new GreenMail(new ServerSetup[] { new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
				new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP) });
		mailServer.start();
	}

	@AfterEach
	void stopMailServer() {
		mailServer.stop();
	}

	@Test
	void masterKeyRotationWithEverySecretStillReadable() throws Exception {
		Stored stored = storeThroughTheFeatures("rotation");
		List<Ciphertext> before = stored.ciphertexts();
		String tracked = links.token(UUID.randomUUID(), 1, "https://example.org/before-rotation");
		SecretsCommands commands = new SecretsCommands(dataSource, Path.of(properties.dataDir(), "secrets-command"));
		String keyA = SecretsCommands.sharedMasterKey(properties);
		String keyB = SecretsCommands.newKey();

		SecretsCommands.Outcome pinned = commands.run(List.of("penguinmails.master-key=" + keyA), "secrets",
				"derivation-key");
		assertThat(pinned.status()).as(pinned.err()).isZero();
		String derivation = pinned.out().strip();
		assertThat(derivation).isEqualTo(secrets.derivationKeyToPin());

		SecretsCommands.Outcome refused = commands.run(
				List.of("penguinmails.master-key=" + keyB, "penguinmails.secrets.previous-keys=" + keyA), "secrets",
				"rewrap");
		assertThat(refused.status()).as("previous keys without a pinned derivation key").isEqualTo(1);
		assertThat(refused.err()).contains("PENGUINMAILS_DERIVATION_KEY").doesNotContain(keyA).doesNotContain(keyB);

		SecretsCommands.Outcome rewrap = commands.run(List.of("penguinmails.master-key=" + keyB,
				"penguinmails.secrets.previous-keys=" + keyA, "penguinmails.secrets.derivation-key=" + derivation),
				"secrets", "rewrap", "--batch=7");
		assertThat(rewrap.status()).as(rewrap.err()).isZero();
		assertThat(rewrap.out()).containsPattern("mailboxes\\.smtp_password\\s+[1-9][0-9]* rewrapped")
			.containsPattern("users\\.totp_secret\\s+[1-9][0-9]* rewrapped")
			.containsPattern("dkim_keys\\.private_key\\s+[1-9][0-9]* rewrapped")
			.containsPattern("webhook_endpoint_secrets\\.secret\\s+[1-9][0-9]* rewrapped")
			.doesNotContain(stored.smtpPassword());

		// The shared context knows only A: whatever happens, the database goes back to A.
		SecretsCommands.Outcome back;
		try {
			List<String> onlyB = List.of("penguinmails.master-key=" + keyB,
					"penguinmails.secrets.derivation-key=" + derivation);
			SecretsCommands.Outcome again = commands.run(onlyB, "secrets", "rewrap");
			assertThat(again.status()).as(again.err()).isZero();
			assertThat(again.out()).contains("Rewrapped 0 secrets.")
				.containsPattern("users\\.totp_secret\\s+0 rewrapped");
			SecretsCommands.Outcome check = commands.run(onlyB, "secrets", "check");
			assertThat(check.status()).as(check.err()).isZero();
			assertThat(check.out()).contains("0 secrets wrapped by an earlier key.");

			Secrets withB = KeyRing.secrets(List.of(Base64.getDecoder().decode(keyB)),
					Base64.getDecoder().decode(derivation));
			List<Ciphertext> after = stored.ciphertexts();
			for (int i = 0; i < before.size(); i++) {
				Ciphertext old = before.get(i);
				Ciphertext now = after.get(i);
				assertThat(now.bytes()).as(old.context()).isNotEqualTo(old.bytes());
				assertThat(payload(now.bytes())).as("payload of " + old.context()).isEqualTo(payload(old.bytes()));
				assertThat(withB.decrypt(now.bytes(), now.context()))
					.isEqualTo(secrets.decrypt(old.bytes(), old.context()));
				assertThat(withB.wrapping(now.bytes())).isEqualTo(Secrets.Wrapping.CURRENT);
			}
			for (String purpose : List.of("tracking-link", "unsubscribe-link", "backups", "altcha", "remember-me",
					"report-download")) {
				assertThat(withB.derivedKey(purpose)).as(purpose).isEqualTo(secrets.derivedKey(purpose));
			}
		}
		finally {
			back = commands.run(List.of("penguinmails.master-key=" + keyA, "penguinmails.secrets.previous-keys=" + keyB,
					"penguinmails.secrets.derivation-key=" + derivation), "secrets", "rewrap");
		}
		assertThat(back.status()).as(back.err()).isZero();
		stored.readBackThroughTheFeatures();
		assertThat(links.parse(tracked)).as("a tracking link signed before the rotation").isPresent();
	}

	/** The payload (after the wrapped data key) of an envelope ciphertext. */
	static byte[] payload(byte[] ciphertext) {
		int wrapped = java.nio.ByteBuffer.wrap(ciphertext, 0, 4).getInt();
		return java.util.Arrays.copyOfRange(ciphertext, 4 + wrapped, ciphertext.length);
	}

	record Ciphertext(String context, byte[] bytes) {
	}

	Stored storeThroughTheFeatures(String name) throws Exception {
		Account account = fixtures.verifiedAccount(name);
		String password = "smtp-" + UUID.randomUUID();
		String login = "jo-" + UUID.randomUUID() + "@outreach.test";
		mailServer.setUser(login, login, password);
		Mailbox mailbox = mailboxes.add(account.owner(),
				new NewMailbox(login, "Jo", "generic",
						new ServerSettings("127.0.0.1", mailServer.getSmtp().getPort(), Security.NONE, login, password),
						new ServerSettings("127.0.0.1", mailServer.getImap().getPort(), Security.NONE, login, null), "",
						"", 30, 60, 300));
		String totp = twoFactor.newEnrolment(account.email()).secret();
		twoFactor.enable(account.userId(), totp, code(totp, -1), "127.0.0.1");
		Api api = fixtures.api(account, "domains:write", "webhooks:read", "webhooks:write");
		Api.Response domain = api.post("/api/v1/domains",
				"{\"name\":\"rotation-" + UUID.randomUUID().toString().substring(0, 8) + ".test\"}");
		assertThat(domain.status()).isEqualTo(201);
		Api.Response webhook = api.post("/api/v1/webhooks/endpoints", WEBHOOK);
		assertThat(webhook.status()).isEqualTo(201);
		return new Stored(account, mailbox, password, totp, UUID.fromString(domain.body().path("id").asText()),
				UUID.fromString(webhook.body().path("endpoint").path("id").asText()),
				webhook.body().path("secret").asText());
	}

	static String code(String secret, long offsetSteps) throws Exception {
		long step = Instant.now().getEpochSecond() / 30 + offsetSteps;
		return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, step);
	}

	/** What one account stored through the features, and how to read it back. */
	final class Stored {

		final Account account;

		final Mailbox mailbox;

		final String smtpPassword;

		final String totp;

		final UUID domainId;

		final UUID endpointId;

		final String webhookSecret;

		Stored(Account account, Mailbox mailbox, String smtpPassword, String totp, UUID domainId, UUID endpointId,
				String webhookSecret) {
			this.account = account;
			this.mailbox = mailbox;
			this.smtpPassword = smtpPassword;
			this.totp = totp;
			this.domainId = domainId;
			this.endpointId = endpointId;
			this.webhookSecret = webhookSecret;
		}

		String smtpPassword() {
			return smtpPassword;
		}

		/** The stored ciphertexts, each with its context, in a fixed order. */
		List<Ciphertext> ciphertexts() {
			List<Ciphertext> all = new ArrayList<>();
			all.add(new Ciphertext("mailbox:smtp:" + mailbox.id(),
					one("SELECT smtp_password FROM mailboxes WHERE id = ?", mailbox.id())));
			all.add(new Ciphertext("totp:" + account.userId(),
					one("SELECT totp_secret FROM users WHERE id = ?", account.userId())));
			UUID keyId = fixtures.jdbc()
				.sql("SELECT id FROM dkim_keys WHERE domain_id = ? ORDER BY id LIMIT 1")
				.param(domainId)
				.query(UUID.class)
				.single();
			all.add(new Ciphertext("dkim:" + keyId, one("SELECT private_key FROM dkim_keys WHERE id = ?", keyId)));
			UUID secretId = fixtures.jdbc()
				.sql("SELECT id FROM webhook_endpoint_secrets WHERE endpoint_id = ? ORDER BY id LIMIT 1")
				.param(endpointId)
				.query(UUID.class)
				.single();
			all.add(new Ciphertext("webhook-secret:" + secretId,
					one("SELECT secret FROM webhook_endpoint_secrets WHERE id = ?", secretId)));
			return all;
		}

		private byte[] one(String sql, UUID id) {
			return fixtures.jdbc().sql(sql).param(id).query(byte[].class).single();
		}

		/**
		 * Each secret read by the feature that stored it, with the context's key only.
		 */
		void readBackThroughTheFeatures() throws Exception {
			ConnectionTest test = mailboxes.test(account.owner(), mailbox.id());
			assertThat(test.smtp().ok()).as("SMTP login with the stored password: " + test.smtp().message()).isTrue();
			assertThat(twoFactor.verify(account.userId(), code(totp, 1))).as("TOTP code").isTrue();
			assertThat(endpoints.liveSecrets(account.workspaceId(), endpointId, Instant.now()))
				.extracting(EndpointRepository.LiveSecret::secret)
				.containsExactly(webhookSecret);
			Ciphertext dkim = ciphertexts().get(2);
			assertThat(secrets.decrypt(dkim.bytes(), dkim.context())).as("DKIM private key").isNotBlank();
		}

	}

}
