package com.penguinmails.delivery;

import java.util.UUID;

/**
 * An outbox message will not be sent: refused for good (5xx), still refused after the
 * last retry (4xx), or stopped before sending (a suppressed address, a removed mailbox).
 *
 * @param hardBounce the address does not exist (5.1.1 and kin); it is now suppressed
 * @param smtpReply the server's last reply, or why it was not sent
 * @param mailboxId the mailbox it was to be sent from
 * @param at when it failed
 */
public record MessageFailed(UUID workspaceId, UUID campaignId, UUID enrolmentId, int step, UUID outboxId,
		String toAddress, boolean hardBounce, String smtpReply, UUID mailboxId, java.time.Instant at) {
}
