package com.penguinmails.shared;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Expiring signed tokens naming one id, for links that need no login (a report's file, a
 * backup's download). A token is base64url (RFC 4648 §5, no padding) of the id (16
 * bytes), the expiry in epoch seconds (8 bytes, big-endian) and the first 16 bytes of an
 * HMAC-SHA256 (RFC 2104) tag over them under a key of one purpose
 * ({@link Secrets#derivedKey}): it names one thing, cannot be altered or forged, stops
 * working at its expiry, and any node checks it without a look-up.
 */
public final class SignedIds {

	private static final int PAYLOAD_BYTES = 24;

	private static final int TAG_BYTES = 16;

	private final byte[] key;

	/**
	 * Tokens under {@code secrets.derivedKey(purpose)}: one purpose's never pass
	 * another's.
	 */
	public SignedIds(Secrets secrets, String purpose) {
		this.key = secrets.derivedKey(purpose);
	}

	/** The token of {@code id}, valid until {@code expiresAt}. */
	public String mint(UUID id, Instant expiresAt) {
		ByteBuffer payload = ByteBuffer.allocate(PAYLOAD_BYTES + TAG_BYTES);
		payload.putLong(id.getMostSignificantBits())
			.putLong(id.getLeastSignificantBits())
			.putLong(expiresAt.getEpochSecond());
		payload.put(tag(Arrays.copyOf(payload.array(), PAYLOAD_BYTES)), 0, TAG_BYTES);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(payload.array());
	}

	/**
	 * The id a token names, when its tag is ours and it has not expired at {@code now};
	 * empty for anything else (malformed, altered, another purpose's, expired).
	 */
	public Optional<UUID> verify(String token, Instant now) {
		byte[] raw;
		try {
			raw = Base64.getUrlDecoder().decode(token == null ? "" : token);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		if (raw.length != PAYLOAD_BYTES + TAG_BYTES) {
			return Optional.empty();
		}
		byte[] payload = Arrays.copyOf(raw, PAYLOAD_BYTES);
		byte[] expected = Arrays.copyOf(tag(payload), TAG_BYTES);
		if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(raw, PAYLOAD_BYTES, raw.length))) {
			return Optional.empty();
		}
		ByteBuffer body = ByteBuffer.wrap(payload);
		UUID id = new UUID(body.getLong(), body.getLong());
		Instant expiresAt = Instant.ofEpochSecond(body.getLong());
		return now.isBefore(expiresAt) ? Optional.of(id) : Optional.empty();
	}

	private byte[] tag(byte[] payload) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(payload);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
