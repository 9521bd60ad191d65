package com.penguinmails.mailboxes.internal;

import java.io.IOException;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

import com.penguinmails.mailboxes.ConnectionTest;
import com.penguinmails.mailboxes.MailboxTransport;
import com.penguinmails.mailboxes.SmtpConnectionFailed;
import com.penguinmails.mailboxes.SmtpReply;
import com.penguinmails.shared.NetworkPolicy;

/**
 * One Angus SMTP connection, logged in, reused for every message of a batch. A refusal of
 * one message (at MAIL, RCPT or the end of DATA) is a reply; a broken connection is
 * {@link SmtpConnectionFailed}.
 */
final class SmtpMailboxTransport implements MailboxTransport {

	private final HandOverSmtpTransport transport;

	private final String host;

	private final int port;

	private SmtpMailboxTransport(HandOverSmtpTransport transport, String host, int port) {
		this.transport = transport;
		this.host = host;
		this.port = port;
	}

	static SmtpMailboxTransport open(ConnectionTester tester, ConnectionTester.SmtpServer server)
			throws SmtpConnectionFailed {
		try {
			return new SmtpMailboxTransport(tester.connect(server), server.host(), server.port());
		}
		catch (NetworkPolicy.RefusedAddress ex) {
			throw new SmtpConnectionFailed("address", ex.getMessage());
		}
		catch (MessagingException ex) {
			throw failed(ConnectionTester.classify(ex, server.host(), server.port()));
		}
	}

	@Override
	public SmtpReply send(MimeMessage message) throws SmtpConnectionFailed {
		return send(message, null);
	}

	/** Runs {@code handingOver} once the {@code .} that ends the data is flushed. */
	@Override
	public SmtpReply send(MimeMessage message, Runnable handingOver) throws SmtpConnectionFailed {
		try {
			transport.sendMessage(message, handingOver);
			return new SmtpReply(transport.getLastReturnCode(), transport.getLastServerResponse().strip());
		}
		catch (SMTPSendFailedException ex) {
			// MAIL FROM or the end of DATA refused (RFC 5321 §4.2.5: the reply to "."
			// decides).
			return new SmtpReply(ex.getReturnCode(), reply(ex));
		}
		catch (SendFailedException ex) {
			// RCPT TO refused: Angus wraps the per-address reply and resets the
			// transaction.
			for (Exception next = ex.getNextException(); next != null; next = next instanceof MessagingException m
					? m.getNextException() : null) {
				if (next instanceof SMTPAddressFailedException address) {
					return new SmtpReply(address.getReturnCode(), reply(address));
				}
				if (next instanceof SMTPSendFailedException send) {
					return new SmtpReply(send.getReturnCode(), reply(send));
				}
			}
			throw failed(ConnectionTester.classify(ex, host, port));
		}
		catch (MessagingException ex) {
			if (ex.getNextException() instanceof IOException || !transport.isConnected()) {
				throw failed(ConnectionTester.classify(ex, host, port));
			}
			int code = transport.getLastReturnCode();
			if (code >= 400 && code < 600) {
				return new SmtpReply(code, transport.getLastServerResponse().strip());
			}
			throw failed(ConnectionTester.classify(ex, host, port));
		}
	}

	@Override
	public void close() {
		try {
			transport.close();
		}
		catch (MessagingException ex) {
			// QUIT is a courtesy: the messages are already accepted or refused.
		}
	}

	private static String reply(MessagingException ex) {
		return ex.getMessage() == null ? "" : ex.getMessage().strip();
	}

	private static SmtpConnectionFailed failed(ConnectionTest.Step step) {
		return new SmtpConnectionFailed(step.stage(), step.message());
	}

}
