package com.penguinmails.mailboxes;

/**
 * The result of testing a mailbox's servers for real.
 *
 * @param smtp the SMTP outcome (EHLO, then AUTH)
 * @param imap the IMAP outcome (LOGIN, then SELECT INBOX)
 */
public record ConnectionTest(Step smtp, Step imap) {

	/**
	 * @param ok whether this server worked
	 * @param stage where it failed: dns, tcp, tls, greeting, authentication, timeout,
	 * protocol, and for a test send recipient or message (or null); named with the
	 * server's reply code, never its words
	 * @param message what happened, in words a user can act on
	 */
	public record Step(boolean ok, String stage, String message) {
	}

	public boolean ok() {
		return smtp.ok() && imap.ok();
	}

}
