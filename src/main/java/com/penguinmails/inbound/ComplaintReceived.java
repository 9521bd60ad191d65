package com.penguinmails.inbound;

import java.time.Instant;
import java.util.UUID;

/**
 * A recipient marked a message of ours as spam: an RFC 5965 ARF feedback report from a
 * mailbox provider's feedback loop. The address is suppressed and the sequence stops.
 */
public record ComplaintReceived(UUID workspaceId, UUID mailboxId, UUID campaignId, UUID enrolmentId, int step,
		int variant, UUID outboxId, String address, String feedbackType, UUID inboundId, Instant receivedAt) {
}
