package com.penguinmails.analytics.internal.reports;

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

import org.springframework.stereotype.Component;

import com.penguinmails.shared.Secrets;

/**
 * The tokens of report download links. A token is base64url (RFC 4648 §5, no padding) of
 * the run id (16 bytes), the expiry in epoch seconds (8 bytes, big-endian) and the first
 * 16 bytes of an HMAC-SHA256 (RFC 2104) tag over them under a key derived from the master
 * key: it names one run's file, cannot be altered or forged, stops working at its expiry,
 * and any node checks it without a look-up.
 */
@Component
public class DownloadTokens {

	private static final int PAYLOAD_BYTES = 24;

	private static final int TAG_BYTES = 16;

	private final byte[] key;

	DownloadTokens(Secrets secrets) {
		this.key = secrets.derivedKey("report-download");
	}

	/** The token of run {@code runId}'s file, valid until {@code expiresAt}. */
	public String mint(UUID runId, Instant expiresAt) {
		ByteBuffer payload = ByteBuffer.allocate(PAYLOAD_BYTES + TAG_BYTES);
		payload.putLong(runId.getMostSignificantBits())
			.putLong(runId.getLeastSignificantBits())
			.putLong(expiresAt.getEpochSecond());
		payload.put(tag(Arrays.copyOf(payload.array(), PAYLOAD_BYTES)), 0, TAG_BYTES);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(payload.array());
	}

	/**
	 * The run a token names, when its tag is ours and it has not expired at {@code now}.
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
		UUID runId = new UUID(body.getLong(), body.getLong());
		Instant expiresAt = Instant.ofEpochSecond(body.getLong());
		return now.isBefore(expiresAt) ? Optional.of(runId) : Optional.empty();
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
