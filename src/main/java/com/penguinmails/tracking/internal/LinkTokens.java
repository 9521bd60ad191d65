package com.penguinmails.tracking.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

import com.penguinmails.shared.Secrets;

/**
 * The tokens of the links a message carries (open pixel, click redirect, unsubscribe),
 * minted and checked here, where they are served. A token is base64url (RFC 4648 §5, no
 * padding) of the enrolment id (16 bytes), the step (4 bytes, big-endian), the target
 * (UTF-8: the destination of a click, empty for an open, {@link #UNSUBSCRIBE} for an
 * unsubscribe) and the first 16 bytes of an HMAC-SHA256 tag over them under a key derived
 * from the master key: it cannot be guessed or altered, a click goes only where the
 * message pointed (no open redirect), and every node checks it without a look-up.
 * <p>
 * One unsubscribe format: the List-Unsubscribe header and the body's {@code {{
 * unsubscribe_url }}} carry the same link. Header links minted before that (the outbox id
 * and its tag under another key) are still accepted by
 * {@link #legacyUnsubscribe(String)}, so messages already delivered keep working.
 */
@Component
public class LinkTokens {

	/** What an unsubscribe token carries in place of a destination. */
	public static final String UNSUBSCRIBE = "!unsubscribe";

	/**
	 * What a token names: the message (enrolment and step) and its target: a click's
	 * destination, empty for an open, {@link #UNSUBSCRIBE} for an unsubscribe.
	 */
	public record Link(UUID enrolmentId, int step, String url) {

		/** Whether the token is the open pixel's. */
		public boolean open() {
			return url.isEmpty();
		}

		/** Whether the token is an unsubscribe link's. */
		public boolean unsubscribe() {
			return url.equals(UNSUBSCRIBE);
		}

		/** Whether the token is a click redirect's (to {@link #url()}). */
		public boolean click() {
			return !open() && !unsubscribe();
		}

	}

	private static final int TAG_BYTES = 16;

	private static final int HEADER_BYTES = 20;

	private static final int UUID_BYTES = 16;

	/**
	 * Each thread's keyed Macs, by key array identity (the two keys of this instance, or
	 * of another in tests).
	 */
	private static final ThreadLocal<Map<byte[], Mac>> MACS = ThreadLocal.withInitial(IdentityHashMap::new);

	private final byte[] key;

	private final byte[] legacyUnsubscribeKey;

	LinkTokens(Secrets secrets) {
		this.key = secrets.derivedKey("tracking-link");
		this.legacyUnsubscribeKey = secrets.derivedKey("unsubscribe-link");
	}

	/** The token of the open pixel of an enrolment's step. */
	public String open(UUID enrolmentId, int step) {
		return token(enrolmentId, step, "");
	}

	/** The token of the unsubscribe link of an enrolment's step. */
	public String unsubscribe(UUID enrolmentId, int step) {
		return token(enrolmentId, step, UNSUBSCRIBE);
	}

	/** The token of a link to {@code url} of an enrolment's step (a click). */
	public String token(UUID enrolmentId, int step, String url) {
		byte[] target = url.getBytes(StandardCharsets.UTF_8);
		ByteBuffer body = ByteBuffer.allocate(HEADER_BYTES + target.length);
		body.putLong(enrolmentId.getMostSignificantBits()).putLong(enrolmentId.getLeastSignificantBits());
		body.putInt(step).put(target);
		return signed(body.array(), key);
	}

	/** What a token names, when its tag is ours. */
	public Optional<Link> parse(String token) {
		return verified(token, key).filter(payload -> payload.length >= HEADER_BYTES).map(payload -> {
			ByteBuffer body = ByteBuffer.wrap(payload);
			UUID enrolment = new UUID(body.getLong(), body.getLong());
			int step = body.getInt();
			return new Link(enrolment, step,
					new String(payload, HEADER_BYTES, payload.length - HEADER_BYTES, StandardCharsets.UTF_8));
		});
	}

	/**
	 * The outbox id an unsubscribe token of the earlier header format names (the id and
	 * its tag under the "unsubscribe-link" key), when its tag is ours.
	 */
	public Optional<UUID> legacyUnsubscribe(String token) {
		return verified(token, legacyUnsubscribeKey).filter(payload -> payload.length == UUID_BYTES).map(payload -> {
			ByteBuffer id = ByteBuffer.wrap(payload);
			return new UUID(id.getLong(), id.getLong());
		});
	}

	private static String signed(byte[] payload, byte[] key) {
		byte[] token = Arrays.copyOf(payload, payload.length + TAG_BYTES);
		System.arraycopy(tag(payload, key), 0, token, payload.length, TAG_BYTES);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
	}

	/** The payload of a token whose tag under {@code key} holds; empty otherwise. */
	private static Optional<byte[]> verified(String token, byte[] key) {
		byte[] raw;
		try {
			raw = Base64.getUrlDecoder().decode(token == null ? "" : token);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		if (raw.length < TAG_BYTES) {
			return Optional.empty();
		}
		byte[] payload = Arrays.copyOf(raw, raw.length - TAG_BYTES);
		byte[] expected = Arrays.copyOf(tag(payload, key), TAG_BYTES);
		return MessageDigest.isEqual(Arrays.copyOfRange(raw, payload.length, raw.length), expected)
				? Optional.of(payload) : Optional.empty();
	}

	private static byte[] tag(byte[] payload, byte[] key) {
		// Looking the algorithm up and keying a Mac cost more than the tag itself: each
		// thread keeps one per key, reset by doFinal (JCA Mac contract).
		Mac mac = MACS.get().computeIfAbsent(key, LinkTokens::mac);
		return mac.doFinal(payload);
	}

	private static Mac mac(byte[] key) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
