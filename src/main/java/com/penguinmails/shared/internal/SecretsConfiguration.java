package com.penguinmails.shared.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.penguinmails.shared.PenguinMailsProperties;
import com.penguinmails.shared.Secrets;
import com.penguinmails.shared.SecretsProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * Builds {@link Secrets}: data keys (AES-256-GCM) wrapped by the master key, or by
 * Vault's transit engine; earlier master keys and Vault (when its address is set) still
 * unwrap what they wrapped, so a rotation needs no downtime. See README "Secrets:
 * master-key rotation and Vault".
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecretsProperties.class)
class SecretsConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SecretsConfiguration.class);

	@Bean
	Secrets secrets(PenguinMailsProperties properties, SecretsProperties secrets) throws IOException {
		byte[] master = masterKey(properties);
		List<byte[]> keys = new ArrayList<>();
		keys.add(master);
		for (String previous : secrets.previousKeys()) {
			keys.add(key(previous, "PENGUINMAILS_MASTER_KEYS_PREVIOUS"));
		}
		if (secrets.vaultBackend() && !secrets.vault().configured()) {
			throw new IllegalStateException(
					"PENGUINMAILS_SECRETS_BACKEND=vault needs PENGUINMAILS_VAULT_ADDR (and a token or AppRole)");
		}
		VaultTransit vault = secrets.vault().configured() ? VaultTransit.connect(secrets.vault()) : null;
		return new Secrets(new KeyRing(keys, vault, secrets.vaultBackend()), derivationKey(master, secrets));
	}

	/**
	 * The pinned derivation key, else the one derived from the master key (as before
	 * rotations existed). With earlier master keys configured the master key has changed,
	 * so deriving from it would silently change every derived key: refused.
	 */
	static byte[] derivationKey(byte[] master, SecretsProperties secrets) {
		if (StringUtils.hasText(secrets.derivationKey())) {
			return key(secrets.derivationKey(), "PENGUINMAILS_DERIVATION_KEY");
		}
		if (!secrets.previousKeys().isEmpty()) {
			throw new IllegalStateException("PENGUINMAILS_MASTER_KEYS_PREVIOUS is set but PENGUINMAILS_DERIVATION_KEY "
					+ "is not: tracking links, CAPTCHA challenges and backups made before the rotation would no longer "
					+ "verify. Run `java -jar penguinmails.jar secrets derivation-key` with the old master key as "
					+ "PENGUINMAILS_MASTER_KEY and set what it prints as PENGUINMAILS_DERIVATION_KEY on every node");
		}
		return derivedFromMaster(master);
	}

	/** The derivation key as derived from a master key since the first release. */
	static byte[] derivedFromMaster(byte[] master) {
		try {
			// Derived, so the master key is never used for two things.
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(master, "HmacSHA256"));
			return mac.doFinal("penguinmails:derivation".getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] key(String base64, String setting) {
		byte[] key;
		try {
			key = Base64.getDecoder().decode(base64.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(setting + " must be base64 of exactly 32 bytes (not base64)");
		}
		if (key.length != 32) {
			throw new IllegalStateException(setting + " must be base64 of exactly 32 bytes (got " + key.length
					+ "); generate one with: openssl rand -base64 32");
		}
		return key;
	}

	static byte[] masterKey(PenguinMailsProperties properties) throws IOException {
		if (StringUtils.hasText(properties.masterKey())) {
			return key(properties.masterKey(), "PENGUINMAILS_MASTER_KEY");
		}
		Path file = Path.of(properties.dataDir(), "master.key");
		if (!Files.exists(file)) {
			Files.createDirectories(file.getParent());
			byte[] key = new byte[32];
			new SecureRandom().nextBytes(key);
			Files.writeString(file, Base64.getEncoder().encodeToString(key));
			try {
				Files.setPosixFilePermissions(file,
						Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
			}
			catch (UnsupportedOperationException ex) {
				// not a POSIX file system: the file keeps the default permissions
			}
			log.warn("No PENGUINMAILS_MASTER_KEY set: generated one in {}. Set it explicitly in production.",
					file.toAbsolutePath());
		}
		return key(Files.readString(file), "The master key in " + file);
	}

}
