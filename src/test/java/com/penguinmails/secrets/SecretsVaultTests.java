package com.penguinmails.secrets;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.shared.PenguinMailsProperties;
import com.penguinmails.shared.Secrets;
import com.penguinmails.shared.SecretsProperties;
import com.penguinmails.shared.internal.KeyRing;
import com.penguinmails.shared.internal.VaultTransit;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.VaultTransitServer;
import com.penguinmails.webhooks.internal.endpoints.EndpointRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Vault/OpenBao transit backend against {@link VaultTransitServer} (Vault's
 * documented HTTP API; the real server is not packaged here): {@code secrets rewrap}
 * moves every secret from the master key to Vault
 * ({@code PENGUINMAILS_SECRETS_BACKEND=vault}), a key rotated on Vault's side still
 * decrypts, a wrong token reads nothing, and the same command moves every secret back to
 * the master key (logging in with AppRole), where the shared context reads them through
 * the features again.
 */
@IntegrationTest
class SecretsVaultTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	EndpointRepository endpoints;

	@Autowired
	Secrets secrets;

	@Autowired
	PenguinMailsProperties properties;

	@Autowired
	DataSource dataSource;

	VaultTransitServer vault;

	@BeforeEach
	void startVault() throws Exception {
		vault = new VaultTransitServer();
	}

	@AfterEach
	void stopVault() {
		vault.close();
	}

	@Test
	void rewrapMovesEverySecretToVaultAndBackToTheMasterKey() throws Exception {
		Account account = fixtures.verifiedAccount("vault");
		Api api = fixtures.api(account, "webhooks:read", "webhooks:write");
		Api.Response created = api.post("/api/v1/webhooks/endpoints",
				"{\"url\": \"https://hooks.example.org/vault\", \"eventTypes\": [\"message.bounced\"]}");
		assertThat(created.status()).isEqualTo(201);
		UUID endpointId = UUID.fromString(created.body().path("endpoint").path("id").asText());
		String plaintext = created.body().path("secret").asText();
		SecretsCommands commands = new SecretsCommands(dataSource, Path.of(properties.dataDir(), "secrets-command"));
		String keyA = SecretsCommands.sharedMasterKey(properties);
		List<String> toVault = List.of("penguinmails.master-key=" + keyA, "penguinmails.secrets.backend=vault",
				"penguinmails.secrets.vault.address=" + vault.address(),
				"penguinmails.secrets.vault.token=" + vault.token());

		SecretsCommands.Outcome rewrap = commands.run(toVault, "secrets", "rewrap");
		assertThat(rewrap.status()).as(rewrap.err()).isZero();
		assertThat(rewrap.out()).containsPattern("webhook_endpoint_secrets\\.secret\\s+[1-9][0-9]* rewrapped");
		// The shared context knows only its master key: whatever happens, the database
		// goes
		// back to it.
		SecretsCommands.Outcome back;
		try {
			byte[] inVault = stored(endpointId);
			assertThat(new String(wrappedKey(inVault), StandardCharsets.US_ASCII)).startsWith("vault:v1:");

			vault.rotate("penguinmails");
			Secrets withVault = new Secrets(new KeyRing(List.of(Base64.getDecoder().decode(keyA)),
					VaultTransit.connect(vaultSettings(vault.token())), true), new byte[32]);
			String context = "webhook-secret:" + secretId(endpointId);
			assertThat(withVault.decrypt(inVault, context)).as("v1 after a rotation on Vault's side")
				.isEqualTo(plaintext);
			assertThat(new String(wrappedKey(withVault.encrypt("new", "x")), StandardCharsets.US_ASCII))
				.startsWith("vault:v2:");
			SecretsCommands.Outcome check = commands.run(toVault, "secrets", "check");
			assertThat(check.status()).as(check.err()).isZero();
			assertThat(check.out()).containsPattern(
					"webhook_endpoint_secrets\\.secret\\s+[0-9]+ current\\s+[1-9][0-9]* wrapped by an earlier key");
			int rewrapsBefore = vault.rewraps();
			int decryptionsBefore = vault.decryptions();
			SecretsCommands.Outcome toV2 = commands.run(toVault, "secrets", "rewrap");
			assertThat(toV2.status()).as(toV2.err()).isZero();
			assertThat(vault.rewraps()).as("Vault's /rewrap moves a v1 data key to v2: it never leaves Vault")
				.isGreaterThan(rewrapsBefore);
			assertThat(vault.decryptions()).as("no data key is decrypted to be re-wrapped")
				.isEqualTo(decryptionsBefore);
			inVault = stored(endpointId);
			assertThat(new String(wrappedKey(inVault), StandardCharsets.US_ASCII)).startsWith("vault:v2:");
			assertThat(withVault.decrypt(inVault, context)).isEqualTo(plaintext);

			Secrets wrongToken = new Secrets(new KeyRing(List.of(Base64.getDecoder().decode(keyA)),
					VaultTransit.connect(vaultSettings("hvs.wrong")), true), new byte[32]);
			assertThat(wrongToken.unwraps(inVault)).isFalse();
		}
		finally {
			back = commands
				.run(List.of("penguinmails.master-key=" + keyA, "penguinmails.secrets.vault.address=" + vault.address(),
						"penguinmails.secrets.vault.role-id=" + vault.roleId(),
						"penguinmails.secrets.vault.secret-id=" + vault.secretId()), "secrets", "rewrap");
		}
		assertThat(back.status()).as(back.err()).isZero();
		assertThat(back.out()).containsPattern("webhook_endpoint_secrets\\.secret\\s+[1-9][0-9]* rewrapped")
			.doesNotContain(vault.token());
		assertThat(new String(wrappedKey(stored(endpointId)), StandardCharsets.US_ASCII)).doesNotStartWith("vault:");
		assertThat(endpoints.liveSecrets(account.workspaceId(), endpointId, Instant.now()))
			.extracting(EndpointRepository.LiveSecret::secret)
			.containsExactly(plaintext);
	}

	@Test
	void theTestServerAnswersAsVaultDocuments() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		HttpResponse<String> noToken = http
			.send(HttpRequest.newBuilder(vault.address().resolve("/v1/transit/encrypt/k"))
				.POST(HttpRequest.BodyPublishers.ofString("{\"plaintext\":\"aGk=\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(noToken.statusCode()).isEqualTo(403);
		assertThat(noToken.body()).contains("permission denied");
		HttpResponse<String> encrypted = post(http, "/v1/transit/encrypt/k", "{\"plaintext\":\"aGk=\"}");
		assertThat(encrypted.statusCode()).isEqualTo(200);
		assertThat(encrypted.body()).contains("\"ciphertext\":\"vault:v1:");
		HttpResponse<String> bad = post(http, "/v1/transit/decrypt/k", "{\"ciphertext\":\"not-vault\"}");
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(bad.body()).contains("errors");
		assertThat(post(http, "/v1/transit/encrypt/k", "{\"plaintext\":\"%%%\"}").statusCode()).isEqualTo(400);
		vault.rotate("k");
		String v1 = encrypted.body().replaceAll(".*\"ciphertext\":\"([^\"]+)\".*", "$1");
		HttpResponse<String> rewrapped = post(http, "/v1/transit/rewrap/k", "{\"ciphertext\":\"" + v1 + "\"}");
		assertThat(rewrapped.statusCode()).isEqualTo(200);
		assertThat(rewrapped.body()).contains("\"ciphertext\":\"vault:v2:").doesNotContain("plaintext");
	}

	private HttpResponse<String> post(HttpClient http, String path, String body) throws Exception {
		return http.send(HttpRequest.newBuilder(vault.address().resolve(path))
			.header("X-Vault-Token", vault.token())
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private SecretsProperties.Vault vaultSettings(String token) {
		return new SecretsProperties.Vault(URI.create(vault.address().toString()), token, null, null, null, null, null);
	}

	private UUID secretId(UUID endpointId) {
		return fixtures.jdbc()
			.sql("SELECT id FROM webhook_endpoint_secrets WHERE endpoint_id = ?")
			.param(endpointId)
			.query(UUID.class)
			.single();
	}

	private byte[] stored(UUID endpointId) {
		return fixtures.jdbc()
			.sql("SELECT secret FROM webhook_endpoint_secrets WHERE endpoint_id = ?")
			.param(endpointId)
			.query(byte[].class)
			.single();
	}

	private static byte[] wrappedKey(byte[] ciphertext) {
		int length = java.nio.ByteBuffer.wrap(ciphertext, 0, 4).getInt();
		return java.util.Arrays.copyOfRange(ciphertext, 4, 4 + length);
	}

}
