package com.penguinmails.delivery;

import java.time.Instant;
import java.util.UUID;

/**
 * An outbox message was accepted by its mailbox's SMTP server (2xx).
 *
 * @param messageId the Message-ID it carries, for threading follow-ups and matching
 * replies
 * @param smtpReply the server's whole 2xx reply to the message (RFC 5321 §4.2, code
 * included, e.g. {@code "250 2.0.0 Ok: queued as 4F1C2"}), or null when unknown
 */
public record MessageSent(UUID workspaceId, UUID campaignId, UUID enrolmentId, int step, UUID outboxId,
		String messageId, UUID mailboxId, Instant sentAt, String smtpReply) {
}
