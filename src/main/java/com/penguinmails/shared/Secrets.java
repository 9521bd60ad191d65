package com.penguinmails.shared;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.google.crypto.tink.Aead;

/**
 * Encryption at rest for secrets (TOTP seeds, SMTP passwords, DKIM keys). Envelope
 * encryption: each value gets a fresh data key, itself encrypted by the master key
 * (Tink's {@code KmsEnvelopeAead}). The {@code context} binds a ciphertext to its use
 * (for example {@code "totp:" + userId}) so a value copied to another row does not
 * decrypt.
 */
public final class Secrets {

	private final Aead envelope;

	private final byte[] derivationKey;

	public Secrets(Aead envelope, byte[] derivationKey) {
		this.envelope = envelope;
		this.derivationKey = derivationKey.clone();
	}

	/**
	 * A key for one purpose (signing tracking links, CAPTCHA challenges), derived from
	 * the master key with HMAC-SHA256, so every node of an installation derives the same
	 * key.
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

}
