package com.penguinmails.mailboxes;

/**
 * What a user changes on a connected mailbox: a field left {@code null} keeps its stored
 * value (merge semantics), an empty reply-to or signature clears it. In the server
 * settings a {@code null} host, security or username, a port of 0 and a {@code null} or
 * blank password keep the stored ones.
 *
 * @param email must be {@code null} or the mailbox's own address: the address cannot
 * change, because sends, replies and the domain link are tied to it
 * @param smtpAuth {@code false}: the SMTP server needs no login; null keeps the setting
 */
public record MailboxChanges(String email, String displayName, ServerSettings smtp, ServerSettings imap,
		String signatureHtml, String replyTo, Integer dailyCap, Integer minGapSeconds, Integer maxGapSeconds,
		Boolean smtpAuth) {

	public MailboxChanges(String email, String displayName, ServerSettings smtp, ServerSettings imap,
			String signatureHtml, String replyTo, Integer dailyCap, Integer minGapSeconds, Integer maxGapSeconds) {
		this(email, displayName, smtp, imap, signatureHtml, replyTo, dailyCap, minGapSeconds, maxGapSeconds, null);
	}

}
