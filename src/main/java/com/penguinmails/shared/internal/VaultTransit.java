package com.penguinmails.shared.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.StringUtils;
import org.springframework.vault.VaultException;
import org.springframework.vault.authentication.AppRoleAuthentication;
import org.springframework.vault.authentication.AppRoleAuthenticationOptions;
import org.springframework.vault.authentication.LifecycleAwareSessionManager;
import org.springframework.vault.authentication.SessionManager;
import org.springframework.vault.authentication.SimpleSessionManager;
import org.springframework.vault.authentication.TokenAuthentication;
import org.springframework.vault.client.ClientHttpRequestFactoryFactory;
import org.springframework.vault.client.VaultClients;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.vault.core.VaultTransitOperations;
import org.springframework.vault.support.Ciphertext;
import org.springframework.vault.support.ClientOptions;
import org.springframework.vault.support.Plaintext;
import org.springframework.vault.support.SslConfiguration;

import com.penguinmails.shared.SecretsProperties;

/**
 * Data keys wrapped by Vault's (or OpenBao's) transit secrets engine, through Spring
 * Vault: {@code POST /v1/<mount>/encrypt/<key>} with the base64 data key, {@code POST
 * /v1/<mount>/decrypt/<key>} with the {@code vault:v<N>:...} ciphertext, which is what
 * gets stored (as UTF-8) in place of a locally wrapped data key. A key rotated on Vault's
 * side ({@code vault:v2:}) still decrypts what {@code v1} wrapped. Authenticates with a
 * token (from the setting or a file) or AppRole (role id and secret id, the session
 * renewed by Spring Vault). The token never reaches a log or a message.
 */
public final class VaultTransit {

	private final VaultTransitOperations transit;

	private final String keyName;

	/** How long the transit key's latest version is taken as known. */
	private static final long VERSION_TTL_NANOS = 60_000_000_000L;

	private volatile long latestVersion;

	private volatile long latestVersionAt;

	private VaultTransit(VaultTransitOperations transit, String keyName) {
		this.transit = transit;
		this.keyName = keyName;
	}

	/**
	 * A client of the configured transit engine.
	 * @throws IllegalStateException when the settings name no way to authenticate or the
	 * token file cannot be read
	 */
	public static VaultTransit connect(SecretsProperties.Vault vault) {
		VaultEndpoint endpoint = VaultEndpoint.from(vault.address());
		ClientHttpRequestFactory requests = ClientHttpRequestFactoryFactory
			.create(new ClientOptions(Duration.ofSeconds(5), Duration.ofSeconds(15)), SslConfiguration.unconfigured());
		SessionManager session;
		if (StringUtils.hasText(vault.roleId())) {
			var restOperations = VaultClients.createRestTemplate(endpoint, requests);
			AppRoleAuthenticationOptions options = AppRoleAuthenticationOptions.builder()
				.roleId(AppRoleAuthenticationOptions.RoleId.provided(vault.roleId().strip()))
				.secretId(StringUtils.hasText(vault.secretId())
						? AppRoleAuthenticationOptions.SecretId.provided(vault.secretId().strip())
						: AppRoleAuthenticationOptions.SecretId.absent())
				.build();
			// Renews the login's token and logs in again when it expires (a daemon
			// thread).
			ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
			scheduler.setThreadNamePrefix("vault-session-");
			scheduler.setDaemon(true);
			scheduler.initialize();
			session = new LifecycleAwareSessionManager(new AppRoleAuthentication(options, restOperations), scheduler,
					restOperations);
		}
		else {
			session = new SimpleSessionManager(new TokenAuthentication(token(vault)));
		}
		VaultTemplate template = new VaultTemplate(endpoint, requests, session);
		return new VaultTransit(template.opsForTransit(vault.mount()), vault.keyName());
	}

	private static String token(SecretsProperties.Vault vault) {
		if (StringUtils.hasText(vault.token())) {
			return vault.token().strip();
		}
		if (StringUtils.hasText(vault.tokenFile())) {
			try {
				return Files.readString(Path.of(vault.tokenFile())).strip();
			}
			catch (IOException ex) {
				throw new IllegalStateException("Could not read the Vault token file " + vault.tokenFile(), ex);
			}
		}
		throw new IllegalStateException("Vault is configured (PENGUINMAILS_VAULT_ADDR) but no way to log in: set "
				+ "PENGUINMAILS_VAULT_TOKEN, PENGUINMAILS_VAULT_TOKEN_FILE or PENGUINMAILS_VAULT_ROLE_ID and "
				+ "PENGUINMAILS_VAULT_SECRET_ID");
	}

	/** The data key wrapped by the transit key: Vault's ciphertext, UTF-8. */
	byte[] encrypt(byte[] dataKey) throws GeneralSecurityException {
		try {
			return transit.encrypt(keyName, Plaintext.of(dataKey)).getCiphertext().getBytes(StandardCharsets.US_ASCII);
		}
		catch (VaultException ex) {
			throw new GeneralSecurityException("Vault could not wrap a data key: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The transit key's latest version, as the last encryption answered (at most a minute
	 * ago, else a probe encryption of random bytes asks); 0 when Vault cannot tell.
	 */
	long latestVersion() {
		if (System.nanoTime() - latestVersionAt > VERSION_TTL_NANOS || latestVersion == 0) {
			try {
				byte[] probe = new byte[32];
				new java.security.SecureRandom().nextBytes(probe);
				latestVersion = version(encrypt(probe));
				latestVersionAt = System.nanoTime();
			}
			catch (GeneralSecurityException ex) {
				return latestVersion;
			}
		}
		return latestVersion;
	}

	/** N of a {@code vault:v<N>:} ciphertext; 0 when it is none. */
	static long version(byte[] wrapped) {
		String text = new String(wrapped, 0, Math.min(wrapped.length, 24), StandardCharsets.US_ASCII);
		java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("^vault:v([0-9]{1,9}):").matcher(text);
		return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
	}

	/**
	 * The same data key wrapped by the transit key's latest version, by Vault's
	 * {@code POST /v1/<mount>/rewrap/<key>}: the data key is never sent back to us.
	 */
	byte[] rewrap(byte[] wrapped) throws GeneralSecurityException {
		try {
			return transit.rewrap(keyName, new String(wrapped, StandardCharsets.US_ASCII))
				.getBytes(StandardCharsets.US_ASCII);
		}
		catch (VaultException ex) {
			throw new GeneralSecurityException("Vault could not re-wrap a data key: " + ex.getMessage(), ex);
		}
	}

	/** The data key a Vault ciphertext wraps. */
	byte[] decrypt(byte[] wrapped) throws GeneralSecurityException {
		try {
			return transit.decrypt(keyName, Ciphertext.of(new String(wrapped, StandardCharsets.US_ASCII)))
				.getPlaintext();
		}
		catch (VaultException ex) {
			throw new GeneralSecurityException("Vault could not unwrap a data key: " + ex.getMessage(), ex);
		}
	}

}
