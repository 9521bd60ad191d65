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
 * @param transport how it sends: its SMTP server or a provider's API (secrets never
 * included)
 */
public record Mailbox(UUID id, String email, String displayName, String smtpHost, int smtpPort, Security smtpSecurity,
		String smtpUsername, String imapHost, int imapPort, Security imapSecurity, String imapUsername,
		String signatureHtml, String replyTo, int dailyCap, int minGapSeconds, int maxGapSeconds, MailboxStatus status,
		String lastError, Instant lastTestedAt, Instant createdAt, boolean smtpAuth, MailboxPause pause,
		SendingTransport transport) {

	public Mailbox {
		transport = transport == null ? SendingTransport.SMTP : transport;
	}

	/** A mailbox that sends through its SMTP server. */
	public Mailbox(UUID id, String email, String displayName, String smtpHost, int smtpPort, Security smtpSecurity,
			String smtpUsername, String imapHost, int imapPort, Security imapSecurity, String imapUsername,
			String signatureHtml, String replyTo, int dailyCap, int minGapSeconds, int maxGapSeconds,
			MailboxStatus status, String lastError, Instant lastTestedAt, Instant createdAt, boolean smtpAuth,
			MailboxPause pause) {
		this(id, email, displayName, smtpHost, smtpPort, smtpSecurity, smtpUsername, imapHost, imapPort, imapSecurity,
				imapUsername, signatureHtml, replyTo, dailyCap, minGapSeconds, maxGapSeconds, status, lastError,
				lastTestedAt, createdAt, smtpAuth, pause, SendingTransport.SMTP);
	}

}
