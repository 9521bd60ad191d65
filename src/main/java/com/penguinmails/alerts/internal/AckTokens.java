package com.penguinmails.alerts.internal;

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
 * The tokens of acknowledgement links sent in alert messages (email, Slack, Teams). A
 * token is base64url (RFC 4648 §5, no padding) of the alert id (16 bytes), the channel or
 * step it was sent to (16 bytes; all zero for an address), the expiry in epoch seconds (8
 * bytes, big-endian) and the first 16 bytes of an HMAC-SHA256 (RFC 2104) tag over them
 * under a key derived from the master key ({@code "alert-ack"}), as report download links
 * are signed: it acknowledges one alert, cannot be altered or forged, stops working at
 * its expiry, and any node checks it without a look-up.
 */
@Component
public class AckTokens {

	/** What a valid token names. */
	public record Ack(UUID alertId, UUID sentTo) {
	}

	private static final int PAYLOAD_BYTES = 40;

	private static final int TAG_BYTES = 16;

	private static final UUID NOBODY = new UUID(0, 0);

	private final byte[] key;

	AckTokens(Secrets secrets) {
		this.key = secrets.derivedKey("alert-ack");
	}

	/** The token acknowledging {@code alertId}, sent to {@code sentTo} (or null). */
	public String mint(UUID alertId, UUID sentTo, Instant expiresAt) {
		UUID to = sentTo == null ? NOBODY : sentTo;
		ByteBuffer payload = ByteBuffer.allocate(PAYLOAD_BYTES + TAG_BYTES);
		payload.putLong(alertId.getMostSignificantBits())
			.putLong(alertId.getLeastSignificantBits())
			.putLong(to.getMostSignificantBits())
			.putLong(to.getLeastSignificantBits())
			.putLong(expiresAt.getEpochSecond());
		payload.put(tag(Arrays.copyOf(payload.array(), PAYLOAD_BYTES)), 0, TAG_BYTES);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(payload.array());
	}

	/** What a token names, when its tag is ours and it has not expired at {@code now}. */
	public Optional<Ack> verify(String token, Instant now) {
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
		UUID alertId = new UUID(body.getLong(), body.getLong());
		UUID to = new UUID(body.getLong(), body.getLong());
		Instant expiresAt = Instant.ofEpochSecond(body.getLong());
		return now.isBefore(expiresAt) ? Optional.of(new Ack(alertId, NOBODY.equals(to) ? null : to))
				: Optional.empty();
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
