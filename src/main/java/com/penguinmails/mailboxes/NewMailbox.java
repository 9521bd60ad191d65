package com.penguinmails.mailboxes;

/**
 * What a user gives to connect a mailbox. {@code preset} (google, microsoft) fills the
 * servers left empty; usernames default to the address.
 *
 * @param smtpAuth {@code false} only for an SMTP server that needs no login ("no
 * authentication"); null or true: the server must offer AUTH (RFC 4954) and accept the
 * password
 */
public record NewMailbox(String email, String displayName, String preset, ServerSettings smtp, ServerSettings imap,
		String signatureHtml, String replyTo, Integer dailyCap, Integer minGapSeconds, Integer maxGapSeconds,
		Boolean smtpAuth) {

	/** A mailbox whose SMTP server needs a login (the usual case). */
	public NewMailbox(String email, String displayName, String preset, ServerSettings smtp, ServerSettings imap,
			String signatureHtml, String replyTo, Integer dailyCap, Integer minGapSeconds, Integer maxGapSeconds) {
		this(email, displayName, preset, smtp, imap, signatureHtml, replyTo, dailyCap, minGapSeconds, maxGapSeconds,
				null);
	}

}
