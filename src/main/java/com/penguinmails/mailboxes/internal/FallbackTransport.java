package com.penguinmails.mailboxes.internal;

import jakarta.mail.internet.MimeMessage;

import com.penguinmails.mailboxes.MailboxTransport;
import com.penguinmails.mailboxes.SmtpConnectionFailed;
import com.penguinmails.mailboxes.SmtpReply;

/**
 * A provider's transport that falls back to the mailbox's SMTP server: when the provider
 * cannot take a message (its API unreachable or refusing the key, or a transient answer:
 * 429 or 5xx, mapped to 4xx), that message and the rest of the batch go over SMTP,
 * connected on first need. A refusal of the message itself (5xx) is the answer, not a
 * reason to try elsewhere.
 */
final class FallbackTransport implements MailboxTransport {

	/** Opens the SMTP connection, when needed. */
	interface Smtp {

		MailboxTransport open() throws SmtpConnectionFailed;

	}

	private final MailboxTransport provider;

	private final Smtp smtp;

	private MailboxTransport fallback;

	FallbackTransport(MailboxTransport provider, Smtp smtp) {
		this.provider = provider;
		this.smtp = smtp;
	}

	@Override
	public SmtpReply send(MimeMessage message) throws SmtpConnectionFailed {
		if (fallback != null) {
			return fallback.send(message);
		}
		try {
			SmtpReply reply = provider.send(message);
			if (!reply.transientFailure()) {
				return reply;
			}
		}
		catch (SmtpConnectionFailed ex) {
			// The provider cannot be used: SMTP below.
		}
		fallback = smtp.open();
		return fallback.send(message);
	}

	@Override
	public void close() {
		provider.close();
		if (fallback != null) {
			fallback.close();
		}
	}

}
