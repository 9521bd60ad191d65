package com.penguinmails.webhooks.internal.endpoints;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * New signing secrets (Standard Webhooks): an HMAC secret is {@code whsec_} + base64 of
 * 32 random bytes; an ed25519 key pair (RFC 8032) is its private key as PKCS#8, base64,
 * and its public key as {@code whpk_} + base64 of the raw 32 bytes (RFC 8410 §4: the last
 * 32 bytes of the X.509 SubjectPublicKeyInfo).
 */
public final class SigningKeys {

	/** An ed25519 key pair as stored and shown. */
	public record Ed25519(String privateKey, String publicKey) {
	}

	private static final SecureRandom RANDOM = new SecureRandom();

	private SigningKeys() {
	}

	public static String hmacSecret() {
		byte[] key = new byte[32];
		RANDOM.nextBytes(key);
		return "whsec_" + Base64.getEncoder().encodeToString(key);
	}

	// Until delivery's internal.delivery.Ed25519Keys.generate() is merged; the
	// coordinator replaces this call with it.
	public static Ed25519 ed25519() {
		try {
			KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
			byte[] spki = pair.getPublic().getEncoded();
			byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
			return new Ed25519(Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()),
					"whpk_" + Base64.getEncoder().encodeToString(raw));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Ed25519 is not available in this JVM", ex);
		}
	}

	/** {@code whsec_…Ab3x}: the last 4 characters, enough to tell two secrets apart. */
	public static String hint(String secret) {
		return "whsec_…" + secret.substring(secret.length() - 4);
	}

}
