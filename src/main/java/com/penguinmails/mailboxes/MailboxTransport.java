package com.penguinmails.mailboxes;

import jakarta.mail.internet.MimeMessage;

/**
 * An open, logged-in SMTP connection of one mailbox, for sending several prepared
 * messages one after the other. Not thread-safe; close it when done.
 */
public interface MailboxTransport extends AutoCloseable {

	/**
	 * Sends the message as it is (its headers and signature untouched) to its recipients.
	 * @return the server's reply to this message: 2xx accepted, 4xx or 5xx refused
	 * @throws SmtpConnectionFailed when the connection failed, so the message's fate says
	 * nothing about the message
	 */
	SmtpReply send(MimeMessage message) throws SmtpConnectionFailed;

	@Override
	void close();

}
