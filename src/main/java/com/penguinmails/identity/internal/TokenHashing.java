package com.penguinmails.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random single-use secrets (email links, invitations, API keys) and their SHA-256, which
 * is all the database keeps. A fast hash is right here: the secrets carry 256 bits of
 * entropy.
 */
final class TokenHashing {

	private static final SecureRandom RANDOM = new SecureRandom();

	private TokenHashing() {
	}

	/** 32 random bytes, base64url without padding. */
	static String newToken() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static byte[] sha256(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
