package com.penguinmails.delivery;

import java.time.Instant;
import java.util.UUID;

/**
 * The receiving server answered a message with a transient failure (RFC 5321 §4.2.1: a
 * 4xx reply): it is deferred and tried again at {@code retryAt}. The last try that is
 * still refused is a {@link MessageFailed} instead.
 *
 * @param attempt the attempts made so far, this one included (1 for the first)
 * @param smtpReply the server's whole reply, code included
 * @param at when the server answered
 */
public record MessageDeferred(UUID workspaceId, UUID campaignId, UUID outboxId, UUID mailboxId, String toAddress,
		String smtpReply, int attempt, Instant retryAt, Instant at) {
}
