package com.penguinmails.delivery;

import java.time.Instant;
import java.util.UUID;

/**
 * An outbox message was accepted by its mailbox's SMTP server (2xx).
 *
 * @param messageId the Message-ID it carries, for threading follow-ups and matching
 * replies
 */
public record MessageSent(UUID workspaceId, UUID campaignId, UUID enrolmentId, int step, UUID outboxId,
		String messageId, UUID mailboxId, Instant sentAt) {
}
