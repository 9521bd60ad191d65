package com.penguinmails.delivery;

import java.util.UUID;

/**
 * A rendered message for the outbox, from one mailbox to one contact.
 *
 * @param step the sequence step (0-based); with {@code enrolmentId} it is unique
 * @param inReplyTo the Message-ID this one answers (a follow-up in the same thread), or
 * null
 * @param references the Message-IDs of the thread so far, space separated, or null
 */
public record OutgoingMessage(UUID workspaceId, UUID campaignId, UUID enrolmentId, int step, int variant,
		UUID mailboxId, String fromAddress, UUID contactId, String toAddress, String toName, String subject,
		String html, String text, String inReplyTo, String references) {
}
