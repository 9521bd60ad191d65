package com.penguinmails.shared;

import java.net.URI;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the key-encryption keys of {@link Secrets} come from, bound from
 * {@code penguinmails.secrets.*}. The master key itself stays
 * {@code penguinmails.master-key} ({@code PENGUINMAILS_MASTER_KEY}). See README "Secrets:
 * master-key rotation and Vault".
 *
 * @param backend {@code local} (the master key wraps new data keys; the default) or
 * {@code vault} (Vault's or OpenBao's transit engine does)
 * @param previousKeys earlier master keys, each base64 of 32 bytes: they still unwrap
 * what they wrapped, never wrap anything new; empty once every secret is re-wrapped
 * @param derivationKey base64 of 32 bytes from which links, CAPTCHA challenges and
 * backups derive their keys; empty: derived from the master key, as before any rotation.
 * Must be set (to what {@code secrets derivation-key} prints) before the master key
 * changes
 * @param vault the transit engine; used when the backend is {@code vault}, and whenever
 * its address is set, to unwrap what it wrapped
 */
@ConfigurationProperties("penguinmails.secrets")
public record SecretsProperties(String backend, List<String> previousKeys, String derivationKey, Vault vault) {

	public SecretsProperties {
		backend = backend == null || backend.isBlank() ? "local" : backend.strip().toLowerCase();
		previousKeys = previousKeys == null ? List.of()
				: previousKeys.stream().map(String::strip).filter(key -> !key.isEmpty()).toList();
		vault = vault == null ? new Vault(null, null, null, null, null, null, null) : vault;
	}

	@Override
	public String toString() {
		// Keys are secrets: never in logs or error messages.
		return "SecretsProperties[backend=" + backend + ", previousKeys=" + previousKeys.size() + ", vault=" + vault
				+ "]";
	}

	/** Whether Vault wraps new data keys. */
	public boolean vaultBackend() {
		return "vault".equals(backend);
	}

	/**
	 * Vault's or OpenBao's transit secrets engine (its HTTP API, v1).
	 *
	 * @param address e.g. {@code https://vault.example.com:8200}; empty: no Vault
	 * @param token a Vault token allowed {@code encrypt} and {@code decrypt} on the key
	 * @param tokenFile a file holding the token (for a token written by Vault Agent);
	 * read at start
	 * @param roleId with {@code secretId}: AppRole login instead of a token
	 * @param secretId the AppRole secret id
	 * @param mount the transit engine's mount path; default {@code transit}
	 * @param keyName the transit key's name; default {@code penguinmails}
	 */
	public record Vault(URI address, String token, String tokenFile, String roleId, String secretId, String mount,
			String keyName) {

		public Vault {
			mount = mount == null || mount.isBlank() ? "transit" : mount.strip();
			keyName = keyName == null || keyName.isBlank() ? "penguinmails" : keyName.strip();
		}

		/** Whether an address is configured. */
		public boolean configured() {
			return address != null && !address.toString().isBlank();
		}

		@Override
		public String toString() {
			// The token and the secret id are secrets: never in logs or error messages.
			return "Vault[address=" + address + ", mount=" + mount + ", keyName=" + keyName + "]";
		}

	}

}
