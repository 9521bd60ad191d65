package com.penguinmails.mailboxes;

/**
 * The mailbox's SMTP server could not be used at all: no connection, no TLS, the login
 * refused, or the connection lost mid-message. Unlike an {@link SmtpReply}, it says
 * nothing about the message itself.
 */
public class SmtpConnectionFailed extends Exception {

	private final String stage;

	public SmtpConnectionFailed(String stage, String message) {
		super(message);
		this.stage = stage;
	}

	/**
	 * Where it failed: dns, tcp, tls, authentication, timeout, protocol, or unavailable.
	 */
	public String stage() {
		return stage;
	}

}
