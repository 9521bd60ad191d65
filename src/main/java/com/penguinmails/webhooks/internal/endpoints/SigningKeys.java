package com.penguinmails.webhooks.internal.endpoints;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * New signing secrets (Standard Webhooks): an HMAC secret is {@code whsec_} + base64 of
 * 32 random bytes; ed25519 pairs come from {@code internal.delivery.Ed25519Keys}.
 */
public final class SigningKeys {

	private static final SecureRandom RANDOM = new SecureRandom();

	private SigningKeys() {
	}

	/** A new HMAC secret: {@code whsec_} + base64 of 32 random bytes. */
	public static String hmacSecret() {
		byte[] key = new byte[32];
		RANDOM.nextBytes(key);
		return "whsec_" + Base64.getEncoder().encodeToString(key);
	}

	/** {@code whsec_…Ab3x}: the last 4 characters, enough to tell two secrets apart. */
	public static String hint(String secret) {
		return "whsec_…" + secret.substring(secret.length() - 4);
	}

}
