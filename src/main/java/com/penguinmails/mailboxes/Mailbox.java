package com.penguinmails.mailboxes;

import java.time.Instant;
import java.util.UUID;

/**
 * A sender account as users see it (passwords never included).
 *
 * @param status active, paused, or error (with {@code lastError}); JSON: the lower-case
 * {@link MailboxStatus#value()}
 * @param pause why, by whom and when it was paused, or null when it is not paused (or was
 * paused before that was recorded)
 */
public record Mailbox(UUID id, String email, String displayName, String smtpHost, int smtpPort, Security smtpSecurity,
		String smtpUsername, String imapHost, int imapPort, Security imapSecurity, String imapUsername,
		String signatureHtml, String replyTo, int dailyCap, int minGapSeconds, int maxGapSeconds, MailboxStatus status,
		String lastError, Instant lastTestedAt, Instant createdAt, boolean smtpAuth, MailboxPause pause) {
}
