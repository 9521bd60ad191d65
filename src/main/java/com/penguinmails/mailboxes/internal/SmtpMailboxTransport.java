package com.penguinmails.mailboxes.internal;

import java.io.IOException;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

import com.penguinmails.mailboxes.ConnectionTest;
import com.penguinmails.mailboxes.MailboxTransport;
import com.penguinmails.mailboxes.Security;
import com.penguinmails.mailboxes.SmtpConnectionFailed;
import com.penguinmails.mailboxes.SmtpReply;

/**
 * One Angus SMTP connection, logged in, reused for every message of a batch. A refusal of
 * one message (at MAIL, RCPT or the end of DATA) is a reply; a broken connection is
 * {@link SmtpConnectionFailed}.
 */
final class SmtpMailboxTransport implements MailboxTransport {

	private final SMTPTransport transport;

	private final String host;

	private final int port;

	private SmtpMailboxTransport(SMTPTransport transport, String host, int port) {
		this.transport = transport;
		this.host = host;
		this.port = port;
	}

	static SmtpMailboxTransport open(String host, int port, Security security, String username, String password)
			throws SmtpConnectionFailed {
		Properties props = ConnectionTester.properties("smtp", security);
		props.put("mail.smtp.auth", "true");
		props.put("mail.smtps.auth", "true");
		// RFC 6531 §3.4: MAIL FROM carries SMTPUTF8 when the server offers it, for an
		// address whose local part is not ASCII (IDN domains go as A-labels anyway).
		props.put("mail.mime.allowutf8", "true");
		String protocol = security == Security.TLS ? "smtps" : "smtp";
		try {
			SMTPTransport transport = (SMTPTransport) Session.getInstance(props).getTransport(protocol);
			transport.connect(host, port, username, password);
			return new SmtpMailboxTransport(transport, host, port);
		}
		catch (MessagingException ex) {
			throw failed(ConnectionTester.classify(ex, host, port));
		}
	}

	@Override
	public SmtpReply send(MimeMessage message) throws SmtpConnectionFailed {
		try {
			transport.sendMessage(message, message.getAllRecipients());
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
