package com.penguinmails.inbound;

import java.time.Instant;
import java.util.UUID;

/**
 * A bounce (an RFC 3464 delivery status notification, or a provider's own text) came back
 * for a message of ours.
 *
 * @param type hard (the address is suppressed and the sequence stops), soft (the third
 * suppresses), block (the receiver refused us, not the address), or unknown
 * @param status the RFC 3463 enhanced status code, when the bounce gives one
 */
public record BounceReceived(UUID workspaceId, UUID mailboxId, UUID campaignId, UUID enrolmentId, int step, int variant,
		UUID outboxId, String address, String type, String status, String diagnostic, UUID inboundId,
		Instant receivedAt) {
}
