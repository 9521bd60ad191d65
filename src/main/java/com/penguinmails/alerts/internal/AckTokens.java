package com.penguinmails.alerts.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.penguinmails.shared.Secrets;
import com.penguinmails.shared.SignedIds;

/**
 * The tokens of acknowledgement links sent in alert messages (email, Slack, Teams):
 * {@link SignedIds} naming the alert and the channel or step it was sent to (all zero for
 * an address), under the key derived for {@code alert-ack}. A token acknowledges one
 * alert, cannot be altered or forged, stops working at its expiry, and any node checks it
 * without a look-up.
 */
@Component
public class AckTokens {

	/** What a valid token names. */
	public record Ack(UUID alertId, UUID sentTo) {
	}

	private static final UUID NOBODY = new UUID(0, 0);

	private final SignedIds ids;

	AckTokens(Secrets secrets) {
		this.ids = new SignedIds(secrets, "alert-ack");
	}

	/** The token acknowledging {@code alertId}, sent to {@code sentTo} (or null). */
	public String mint(UUID alertId, UUID sentTo, Instant expiresAt) {
		return ids.mintAll(expiresAt, alertId, sentTo == null ? NOBODY : sentTo);
	}

	/** What a token names, when its tag is ours and it has not expired at {@code now}. */
	public Optional<Ack> verify(String token, Instant now) {
		return ids.verifyAll(token, now, 2)
			.map(named -> new Ack(named.get(0), NOBODY.equals(named.get(1)) ? null : named.get(1)));
	}

}
