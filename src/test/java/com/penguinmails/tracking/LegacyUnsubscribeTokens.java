package com.penguinmails.tracking;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.penguinmails.shared.Secrets;

/**
 * The List-Unsubscribe links of messages sent before there was one unsubscribe format:
 * base64url of the outbox id and the first 16 bytes of its HMAC-SHA256 tag under the
 * "unsubscribe-link" key. Written out here, independently of the code that checks them,
 * so that a change there cannot quietly break the links already delivered.
 */
final class LegacyUnsubscribeTokens {

	private LegacyUnsubscribeTokens() {
	}

	static String token(Secrets secrets, UUID outboxId) throws Exception {
		byte[] id = ByteBuffer.allocate(16)
			.putLong(outboxId.getMostSignificantBits())
			.putLong(outboxId.getLeastSignificantBits())
			.array();
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secrets.derivedKey("unsubscribe-link"), "HmacSHA256"));
		byte[] token = Arrays.copyOf(id, 32);
		System.arraycopy(mac.doFinal(id), 0, token, 16, 16);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
	}

}
