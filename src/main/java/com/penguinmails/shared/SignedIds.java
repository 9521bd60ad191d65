package com.penguinmails.shared;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Expiring signed tokens naming one id or a few, for links that need no login (a report's
 * file, a backup's download, an alert's acknowledgement). A token is base64url (RFC 4648
 * §5, no padding) of the ids (16 bytes each), the expiry in epoch seconds (8 bytes,
 * big-endian) and the first 16 bytes of an HMAC-SHA256 (RFC 2104) tag over them under a
 * key of one purpose ({@link Secrets#derivedKey}): it names one thing, cannot be altered
 * or forged, stops working at its expiry, and any node checks it without a look-up.
 */
public final class SignedIds {

	private static final int ID_BYTES = 16;

	private static final int EXPIRY_BYTES = 8;

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
		return mintAll(expiresAt, id);
	}

	/**
	 * The token of several ids in order (e.g. an alert and the channel it went to), valid
	 * until {@code expiresAt}: each id's 16 bytes, then the expiry and the tag.
	 */
	public String mintAll(Instant expiresAt, UUID... ids) {
		int payloadBytes = ids.length * ID_BYTES + EXPIRY_BYTES;
		ByteBuffer payload = ByteBuffer.allocate(payloadBytes + TAG_BYTES);
		for (UUID id : ids) {
			payload.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
		}
		payload.putLong(expiresAt.getEpochSecond());
		payload.put(tag(Arrays.copyOf(payload.array(), payloadBytes)), 0, TAG_BYTES);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(payload.array());
	}

	/**
	 * The id a token names, when its tag is ours and it has not expired at {@code now};
	 * empty for anything else (malformed, altered, another purpose's, expired).
	 */
	public Optional<UUID> verify(String token, Instant now) {
		return verifyAll(token, now, 1).map(ids -> ids.get(0));
	}

	/**
	 * The {@code count} ids a token names, in order, as {@link #verify} judges it; empty
	 * also when it names another number of ids.
	 */
	public Optional<List<UUID>> verifyAll(String token, Instant now, int count) {
		byte[] raw;
		try {
			raw = Base64.getUrlDecoder().decode(token == null ? "" : token);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		int payloadBytes = count * ID_BYTES + EXPIRY_BYTES;
		if (raw.length != payloadBytes + TAG_BYTES) {
			return Optional.empty();
		}
		byte[] payload = Arrays.copyOf(raw, payloadBytes);
		byte[] expected = Arrays.copyOf(tag(payload), TAG_BYTES);
		if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(raw, payloadBytes, raw.length))) {
			return Optional.empty();
		}
		ByteBuffer body = ByteBuffer.wrap(payload);
		List<UUID> ids = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			ids.add(new UUID(body.getLong(), body.getLong()));
		}
		Instant expiresAt = Instant.ofEpochSecond(body.getLong());
		return now.isBefore(expiresAt) ? Optional.of(List.copyOf(ids)) : Optional.empty();
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
