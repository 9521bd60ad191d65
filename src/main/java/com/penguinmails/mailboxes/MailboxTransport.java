package com.penguinmails.mailboxes;

import jakarta.mail.internet.MimeMessage;

/**
 * An open transport of one mailbox (a logged-in SMTP connection, a provider's API, or a
 * chain of them), for sending several prepared messages one after the other. Not
 * thread-safe; close it when done.
 */
public interface MailboxTransport extends AutoCloseable {

	/**
	 * Sends the message as it is (its headers and signature untouched) to its recipients.
	 * @return the server's reply to this message: 2xx accepted, 4xx or 5xx refused
	 * @throws SmtpConnectionFailed when the connection failed, so the message's fate says
	 * nothing about the message
	 */
	SmtpReply send(MimeMessage message) throws SmtpConnectionFailed;

	/**
	 * What sent the last message this transport accepted (or answered last): the
	 * mailbox's SMTP server unless the transport says otherwise.
	 */
	default SentVia via() {
		return SentVia.SMTP;
	}

	@Override
	void close();

}
