package com.penguinmails.shared.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.util.SecretBytes;

import com.penguinmails.shared.Secrets;

/**
 * The key-encryption keys of {@link Secrets}: the master key and earlier master keys
 * (AES-256-GCM, no key-id prefix, as data keys have been wrapped since the start), and
 * optionally Vault's transit engine. The current key wraps; every configured key unwraps.
 * A data key wrapped by Vault is told apart by Vault's own ciphertext prefix
 * ({@code vault:v<N>:}), a local one by trying the master keys in turn (a wrong key fails
 * GCM's tag check). With Vault current, a data key wrapped by an earlier version of the
 * transit key counts as wrapped by an earlier key.
 */
public final class KeyRing implements Secrets.KeyWrapping {

	private static final byte[] VAULT_PREFIX = "vault:v".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] NO_ASSOCIATED_DATA = new byte[0];

	private final List<Aead> local;

	private final VaultTransit vault;

	private final boolean vaultCurrent;

	/**
	 * @param local the master key first, then earlier ones: each 32 bytes; at least one
	 * @param vault the transit engine, or null
	 * @param vaultCurrent whether Vault (not the master key) wraps new data keys
	 */
	public KeyRing(List<byte[]> local, VaultTransit vault, boolean vaultCurrent) {
		if (local.isEmpty() || (vaultCurrent && vault == null)) {
			throw new IllegalArgumentException("A key ring needs a master key, and Vault when Vault is current");
		}
		List<Aead> keys = new ArrayList<>();
		for (byte[] key : local) {
			keys.add(aesGcm(key));
		}
		this.local = List.copyOf(keys);
		this.vault = vault;
		this.vaultCurrent = vaultCurrent;
	}

	/** A key ring of master keys only (the first is current). */
	public static Secrets secrets(List<byte[]> keys, byte[] derivationKey) {
		return new Secrets(new KeyRing(keys, null, false), derivationKey);
	}

	@Override
	public byte[] wrap(byte[] dataKey) throws GeneralSecurityException {
		return vaultCurrent ? vault.encrypt(dataKey) : local.get(0).encrypt(dataKey, NO_ASSOCIATED_DATA);
	}

	@Override
	public byte[] unwrap(byte[] wrapped) throws GeneralSecurityException {
		if (isVault(wrapped)) {
			if (vault == null) {
				throw new GeneralSecurityException("Wrapped by Vault, and no Vault is configured");
			}
			return vault.decrypt(wrapped);
		}
		for (Aead key : local) {
			try {
				return key.decrypt(wrapped, NO_ASSOCIATED_DATA);
			}
			catch (GeneralSecurityException ex) {
				// not this key: the next one
			}
		}
		throw new GeneralSecurityException("No configured master key unwraps this data key");
	}

	/**
	 * With Vault current, a data key an earlier transit key version wrapped is re-wrapped
	 * by Vault itself ({@code POST /v1/<mount>/rewrap/<key>}): the data key never leaves
	 * Vault. Anything else is unwrapped and wrapped.
	 */
	@Override
	public byte[] rewrap(byte[] wrapped) throws GeneralSecurityException {
		if (vaultCurrent && isVault(wrapped)) {
			return vault.rewrap(wrapped);
		}
		return wrap(unwrap(wrapped));
	}

	@Override
	public boolean isCurrent(byte[] wrapped) {
		if (vaultCurrent) {
			// A key rotated on Vault's side: what an earlier version wrapped is
			// re-wrapped
			// too (Vault still decrypts it until min_decryption_version moves past it).
			return isVault(wrapped) && VaultTransit.version(wrapped) >= vault.latestVersion();
		}
		if (isVault(wrapped)) {
			return false;
		}
		try {
			local.get(0).decrypt(wrapped, NO_ASSOCIATED_DATA);
			return true;
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

	static boolean isVault(byte[] wrapped) {
		return wrapped.length > VAULT_PREFIX.length
				&& Arrays.equals(wrapped, 0, VAULT_PREFIX.length, VAULT_PREFIX, 0, VAULT_PREFIX.length);
	}

	private static Aead aesGcm(byte[] key) {
		try {
			AeadConfig.register();
			AesGcmParameters parameters = AesGcmParameters.builder()
				.setKeySizeBytes(32)
				.setIvSizeBytes(12)
				.setTagSizeBytes(16)
				.setVariant(AesGcmParameters.Variant.NO_PREFIX)
				.build();
			AesGcmKey aesGcm = AesGcmKey.builder()
				.setParameters(parameters)
				.setKeyBytes(SecretBytes.copyFrom(key, InsecureSecretKeyAccess.get()))
				.build();
			return KeysetHandle.newBuilder()
				.addEntry(KeysetHandle.importKey(aesGcm).withRandomId().makePrimary())
				.build()
				.getPrimitive(Aead.class);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not load a master key", ex);
		}
	}

}
