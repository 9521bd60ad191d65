package com.penguinmails.mailboxes.internal;

import java.io.IOException;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Angus Mail's SMTP transport that runs a callback at the one moment a sender can name as
 * "handed over": the message's data is written and the {@code .} that ends it (RFC 5321
 * §4.1.1.4) is about to go. Before it, the server cannot have accepted the message; after
 * it, it may have, whether or not its reply ever arrives. The dispatcher records the
 * moment, so a node killed in between is known to have handed the message over and it is
 * not sent again (RFC 1047's duplicate window, narrowed to the server's reply).
 */
final class HandOverSmtpTransport extends SMTPTransport {

	private Runnable handingOver;

	/**
	 * @param protocol {@code smtp} or {@code smtps} (TLS from the first byte)
	 */
	HandOverSmtpTransport(Session session, String protocol) {
		super(session, new URLName(protocol, null, -1, null, null, null), protocol, "smtps".equals(protocol));
	}

	/**
	 * Sends like {@link #sendMessage}, running {@code handingOver} just before the end of
	 * the data (never when the message was refused before it: at MAIL or RCPT).
	 */
	synchronized void sendMessage(jakarta.mail.Message message, Runnable handingOver) throws MessagingException {
		this.handingOver = handingOver;
		try {
			sendMessage(message, message.getAllRecipients());
		}
		finally {
			this.handingOver = null;
		}
	}

	@Override
	protected void finishData() throws IOException, MessagingException {
		Runnable callback = handingOver;
		if (callback != null) {
			callback.run();
		}
		super.finishData();
	}

}
