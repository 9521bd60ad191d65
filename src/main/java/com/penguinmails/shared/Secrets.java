package com.penguinmails.shared;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.aead.KmsEnvelopeAead;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

/**
 * Encryption at rest for secrets (TOTP seeds, SMTP passwords, DKIM keys). Envelope
 * encryption: each value gets a fresh data key, itself wrapped by a key-encryption key
 * (Tink's {@code KmsEnvelopeAead}): the master key, or Vault's transit engine. The
 * {@code context} binds a ciphertext to its use (for example {@code "totp:" + userId}) so
 * a value copied to another row does not decrypt.
 * <p>
 * A ciphertext is Tink's envelope format: a 4-byte big-endian length, the wrapped data
 * key, then the AES-256-GCM payload. Only the wrapped data key depends on the
 * key-encryption key, so {@link #rewrap} moves a value to the current key without its
 * context and without touching the payload.
 */
public final class Secrets {

	private final KeyWrapping keys;

	private final Aead envelope;

	private final byte[] derivationKey;

	/**
	 * @param keys what wraps data keys (the current key wraps, every configured key
	 * unwraps)
	 * @param derivationKey 32 bytes from which {@link #derivedKey} derives; fixed for the
	 * life of the installation, whatever the key-encryption keys become
	 */
	public Secrets(KeyWrapping keys, byte[] derivationKey) {
		this.keys = keys;
		try {
			this.envelope = KmsEnvelopeAead.create(PredefinedAeadParameters.AES256_GCM, new WrappingAead(keys));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not set up envelope encryption", ex);
		}
		this.derivationKey = derivationKey.clone();
	}

	/**
	 * A key for one purpose (signing tracking links, CAPTCHA challenges, backups),
	 * derived with HMAC-SHA256 from the installation's derivation key, so every node
	 * derives the same key, and a master-key rotation changes none of them.
	 */
	public byte[] derivedKey(String purpose) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(derivationKey, "HmacSHA256"));
			return mac.doFinal(("penguinmails:" + purpose).getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The derivation key, base64: only for {@code secrets derivation-key}, which prints
	 * it once so an operator can pin it ({@code PENGUINMAILS_DERIVATION_KEY}) before
	 * changing the master key. As secret as the master key: never log or return it.
	 */
	public String derivationKeyToPin() {
		return java.util.Base64.getEncoder().encodeToString(derivationKey);
	}

	public byte[] encrypt(String plaintext, String context) {
		try {
			return envelope.encrypt(plaintext.getBytes(StandardCharsets.UTF_8),
					context.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not encrypt a secret", ex);
		}
	}

	public String decrypt(byte[] ciphertext, String context) {
		try {
			return new String(envelope.decrypt(ciphertext, context.getBytes(StandardCharsets.UTF_8)),
					StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not decrypt a secret (wrong master key?)", ex);
		}
	}

	/**
	 * How a stored ciphertext stands against the configured keys, without decrypting its
	 * payload: {@link Wrapping#CURRENT} when the current key wrapped its data key,
	 * {@link Wrapping#PREVIOUS} when another configured key did (a re-wrap moves it),
	 * {@link Wrapping#UNREADABLE} when no configured key unwraps it or it is not an
	 * envelope at all.
	 */
	public Wrapping wrapping(byte[] ciphertext) {
		byte[] wrapped = wrappedKey(ciphertext);
		if (wrapped == null) {
			return Wrapping.UNREADABLE;
		}
		if (keys.isCurrent(wrapped)) {
			return Wrapping.CURRENT;
		}
		try {
			keys.unwrap(wrapped);
			return Wrapping.PREVIOUS;
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			return Wrapping.UNREADABLE;
		}
	}

	/**
	 * Whether a configured key really unwraps the ciphertext's data key (for Vault: a
	 * call to Vault), unlike {@link #wrapping}, which takes a Vault ciphertext on its
	 * prefix when Vault is current.
	 */
	public boolean unwraps(byte[] ciphertext) {
		byte[] wrapped = wrappedKey(ciphertext);
		try {
			return wrapped != null && keys.unwrap(wrapped) != null;
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			return false;
		}
	}

	/**
	 * The same secret with its data key wrapped by the current key: {@code ciphertext}
	 * itself when already so, else a new array with the payload unchanged.
	 * @throws IllegalStateException when no configured key unwraps it (the message names
	 * no secret)
	 */
	public byte[] rewrap(byte[] ciphertext) {
		byte[] wrapped = wrappedKey(ciphertext);
		if (wrapped == null) {
			throw new IllegalStateException("Not an envelope ciphertext");
		}
		if (keys.isCurrent(wrapped)) {
			return ciphertext;
		}
		try {
			byte[] rewrapped = keys.rewrap(wrapped);
			int payload = ciphertext.length - 4 - wrapped.length;
			return ByteBuffer.allocate(4 + rewrapped.length + payload)
				.putInt(rewrapped.length)
				.put(rewrapped)
				.put(ciphertext, 4 + wrapped.length, payload)
				.array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("No configured key unwraps this secret's data key", ex);
		}
	}

	private static byte[] wrappedKey(byte[] ciphertext) {
		if (ciphertext == null || ciphertext.length < 4) {
			return null;
		}
		int length = ByteBuffer.wrap(ciphertext, 0, 4).getInt();
		if (length <= 0 || length > ciphertext.length - 4) {
			return null;
		}
		byte[] wrapped = new byte[length];
		System.arraycopy(ciphertext, 4, wrapped, 0, length);
		return wrapped;
	}

	/** How a ciphertext stands against the configured keys (see {@link #wrapping}). */
	public enum Wrapping {

		/** Wrapped by the current key. */
		CURRENT,
		/** Wrapped by another configured key: readable, and a re-wrap moves it. */
		PREVIOUS,
		/** No configured key unwraps it. */
		UNREADABLE

	}

	/**
	 * The key-encryption keys: the current one wraps new data keys, every configured one
	 * unwraps. Implementations never log key material.
	 */
	public interface KeyWrapping {

		/** Wraps a data key with the current key-encryption key. */
		byte[] wrap(byte[] dataKey) throws GeneralSecurityException;

		/**
		 * Unwraps a data key wrapped by any configured key.
		 * @throws GeneralSecurityException when none does
		 */
		byte[] unwrap(byte[] wrapped) throws GeneralSecurityException;

		/** Whether the current key-encryption key wrapped it. */
		boolean isCurrent(byte[] wrapped);

		/**
		 * The same data key wrapped by the current key-encryption key: by default
		 * unwrapped, then wrapped.
		 * @throws GeneralSecurityException when no configured key unwraps it
		 */
		default byte[] rewrap(byte[] wrapped) throws GeneralSecurityException {
			return wrap(unwrap(wrapped));
		}

	}

	/** The key-encryption keys as the Aead {@code KmsEnvelopeAead} calls. */
	private record WrappingAead(KeyWrapping keys) implements Aead {

		@Override
		public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
			return keys.wrap(plaintext);
		}

		@Override
		public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
			return keys.unwrap(ciphertext);
		}

	}

}
