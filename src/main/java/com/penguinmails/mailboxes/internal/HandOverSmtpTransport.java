package com.penguinmails.mailboxes.internal;

import java.io.IOException;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Angus Mail's SMTP transport that runs a callback at the moment a sender can name as
 * "handed over": the {@code .} that ends the message's data (RFC 5321 §4.1.1.4) has been
 * written and flushed to the connection, and the server's reply is not read yet. From
 * then on the server has the whole message whether or not its reply is ever read (the
 * kernel sends what was flushed even if this process dies). The dispatcher records the
 * moment, so a node killed before it recorded the reply is known to have handed the
 * message over, and it is not sent again; a node killed before the moment never completed
 * the message, which is sent again (RFC 1047's duplicate window, narrowed to the one
 * statement that records the moment).
 */
final class HandOverSmtpTransport extends SMTPTransport {

	private Runnable handingOver;

	private boolean finishing;

	/**
	 * @param protocol {@code smtp} or {@code smtps} (TLS from the first byte)
	 */
	HandOverSmtpTransport(Session session, String protocol) {
		super(session, new URLName(protocol, null, -1, null, null, null), protocol, "smtps".equals(protocol));
	}

	/**
	 * Sends like {@link #sendMessage}, running {@code handingOver} once the end of the
	 * data is flushed and before its reply is read (never when the message was refused
	 * before it: at MAIL or RCPT).
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
		finishing = true;
		try {
			super.finishData();
		}
		finally {
			finishing = false;
		}
	}

	/**
	 * Angus ends the data with {@code sendCommand(".")}, which writes and flushes, then
	 * reads the reply: the callback runs in between.
	 */
	@Override
	protected void sendCommand(String command) throws MessagingException {
		super.sendCommand(command);
		Runnable callback = handingOver;
		if (finishing && callback != null) {
			callback.run();
		}
	}

}
