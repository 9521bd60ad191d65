package com.penguinmails.mailboxes;

/**
 * What a user gives to connect a mailbox. {@code preset} (google, microsoft) fills the
 * servers left empty; usernames default to the address.
 *
 * @param smtpAuth {@code false} only for an SMTP server that needs no login ("no
 * authentication"); null or true: the server must offer AUTH (RFC 4954) and accept the
 * password
 * @param transport null (or kind smtp): it sends through {@code smtp}; a provider
 * (postmark, mailgun, ses) with its credentials: it sends through that provider's API,
 * and {@code smtp} may be left out (IMAP, for replies, is still needed)
 */
public record NewMailbox(String email, String displayName, String preset, ServerSettings smtp, ServerSettings imap,
		String signatureHtml, String replyTo, Integer dailyCap, Integer minGapSeconds, Integer maxGapSeconds,
		Boolean smtpAuth, TransportSettings transport) {

	/** A mailbox that sends through its SMTP server. */
	public NewMailbox(String email, String displayName, String preset, ServerSettings smtp, ServerSettings imap,
			String signatureHtml, String replyTo, Integer dailyCap, Integer minGapSeconds, Integer maxGapSeconds,
			Boolean smtpAuth) {
		this(email, displayName, preset, smtp, imap, signatureHtml, replyTo, dailyCap, minGapSeconds, maxGapSeconds,
				smtpAuth, null);
	}

	/** Whether it sends through a provider's API rather than SMTP. */
	public boolean throughProvider() {
		return transport != null && TransportKind.of(transport.kind()).provider();
	}

	/** A mailbox whose SMTP server needs a login (the usual case). */
	public NewMailbox(String email, String displayName, String preset, ServerSettings smtp, ServerSettings imap,
			String signatureHtml, String replyTo, Integer dailyCap, Integer minGapSeconds, Integer maxGapSeconds) {
		this(email, displayName, preset, smtp, imap, signatureHtml, replyTo, dailyCap, minGapSeconds, maxGapSeconds,
				null);
	}

}
