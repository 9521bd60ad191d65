package com.penguinmails.inbound;

import java.time.Instant;
import java.util.UUID;

/**
 * A recipient asked by mail to hear no more: the {@code mailto:} target of our
 * {@code List-Unsubscribe} header (RFC 2369), or a reply saying only "unsubscribe". The
 * address is suppressed.
 */
public record UnsubscribeReceived(UUID workspaceId, UUID mailboxId, UUID campaignId, UUID enrolmentId, int step,
		int variant, UUID outboxId, String address, UUID inboundId, Instant receivedAt) {
}
