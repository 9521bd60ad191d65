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
	 * Sends as {@link #send(MimeMessage)}, and runs {@code handingOver} at the moment
	 * after which the server may have accepted the message even if its reply is never
	 * read: for SMTP, once the {@code .} that ends the data (RFC 5321 §4.1.1.4) is
	 * written and flushed, before the reply is read. A transport with no such moment (an
	 * HTTP API) never runs it, and a message it was sending when its node died is sent
	 * again. {@code handingOver} may be null; if it throws, the reply is not read and the
	 * exception is passed on.
	 */
	default SmtpReply send(MimeMessage message, Runnable handingOver) throws SmtpConnectionFailed {
		return send(message);
	}

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
