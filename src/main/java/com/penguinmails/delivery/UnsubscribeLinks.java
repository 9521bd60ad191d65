package com.penguinmails.delivery;

import java.net.URI;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Service;

import com.penguinmails.delivery.internal.LinkBase;
import com.penguinmails.shared.Secrets;

/**
 * The one-click unsubscribe link of each sent message ({@code {base-url}/u/{token}}, or
 * on the sender's domain's verified tracking host): the token is the outbox id with an
 * HMAC-SHA256 tag under a key derived from the master key, so it cannot be guessed or
 * forged, and every node checks it without a look-up.
 */
@Service
public class UnsubscribeLinks {

	private static final int TAG_BYTES = 16;

	private final byte[] key;

	private final LinkBase bases;

	UnsubscribeLinks(Secrets secrets, LinkBase bases) {
		this.key = secrets.derivedKey("unsubscribe-link");
		this.bases = bases;
	}

	public String token(UUID outboxId) {
		byte[] id = bytes(outboxId);
		byte[] token = Arrays.copyOf(id, id.length + TAG_BYTES);
		System.arraycopy(tag(id), 0, token, id.length, TAG_BYTES);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
	}

	/** The outbox id a token names, when its tag is ours. */
	public Optional<UUID> outboxId(String token) {
		byte[] raw;
		try {
			raw = Base64.getUrlDecoder().decode(token == null ? "" : token);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		if (raw.length != 16 + TAG_BYTES) {
			return Optional.empty();
		}
		byte[] id = Arrays.copyOf(raw, 16);
		if (!MessageDigest.isEqual(Arrays.copyOfRange(raw, 16, raw.length), Arrays.copyOf(tag(id), TAG_BYTES))) {
			return Optional.empty();
		}
		ByteBuffer buffer = ByteBuffer.wrap(id);
		return Optional.of(new UUID(buffer.getLong(), buffer.getLong()));
	}

	/** The link on the base URL. */
	public URI url(UUID outboxId) {
		return URI.create(bases.base() + "u/" + token(outboxId));
	}

	/**
	 * The link of a message from {@code sendingDomain} (the domain of the sender's
	 * address): on its verified tracking host when it has one.
	 */
	public URI url(UUID workspaceId, String sendingDomain, UUID outboxId) {
		return URI.create(bases.of(workspaceId, sendingDomain) + "u/" + token(outboxId));
	}

	private byte[] tag(byte[] id) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(id);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] bytes(UUID id) {
		return ByteBuffer.allocate(16)
			.putLong(id.getMostSignificantBits())
			.putLong(id.getLeastSignificantBits())
			.array();
	}

}
