package com.penguinmails.inbound;

import java.time.Instant;
import java.util.UUID;

/**
 * A recipient answered a message of ours (matched by
 * {@code In-Reply-To}/{@code References}, or by sender and subject).
 *
 * @param automatic an auto-reply (RFC 3834 {@code Auto-Submitted}, out of office): it
 * does not stop the sequence
 * @param inboundId the stored reply, in the unified inbox
 */
public record ReplyReceived(UUID workspaceId, UUID mailboxId, UUID campaignId, UUID enrolmentId, int step, int variant,
		UUID outboxId, UUID contactId, String from, boolean automatic, UUID inboundId, Instant receivedAt) {
}
