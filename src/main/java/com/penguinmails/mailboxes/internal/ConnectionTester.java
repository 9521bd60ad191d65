package com.penguinmails.mailboxes.internal;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Properties;

import javax.net.ssl.SSLException;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;

import org.springframework.stereotype.Component;

import com.penguinmails.mailboxes.ConnectionTest.Step;
import com.penguinmails.mailboxes.Security;

/**
 * Real connection tests with Jakarta Mail (Angus): SMTP EHLO and AUTH, IMAP LOGIN and
 * SELECT INBOX. A failure is named by where it happened: the host name (dns), the TCP
 * connection, the TLS handshake, the credentials, or a timeout.
 */
@Component
class ConnectionTester {

	static final int TIMEOUT_MILLIS = 10_000;

	Step smtp(String host, int port, Security security, String username, String password) {
		Properties props = properties("smtp", security);
		props.put("mail.smtp.auth", "true");
		String protocol = security == Security.TLS ? "smtps" : "smtp";
		try (Transport transport = Session.getInstance(props).getTransport(protocol)) {
			transport.connect(host, port, username, password);
			return new Step(true, null, "Connected to " + host + ":" + port + " and logged in.");
		}
		catch (MessagingException ex) {
			return classify(ex, host, port);
		}
	}

	Step imap(String host, int port, Security security, String username, String password) {
		Properties props = properties("imap", security);
		String protocol = security == Security.TLS ? "imaps" : "imap";
		try {
			Store store = Session.getInstance(props).getStore(protocol);
			try {
				store.connect(host, port, username, password);
				Folder inbox = store.getFolder("INBOX");
				inbox.open(Folder.READ_ONLY);
				int messages = inbox.getMessageCount();
				inbox.close(false);
				return new Step(true, null, "Logged in; INBOX holds " + messages + " message(s).");
			}
			finally {
				store.close();
			}
		}
		catch (MessagingException ex) {
			return classify(ex, host, port);
		}
	}

	/**
	 * A connected, logged-in IMAP store, for reading the mailbox (inbound sync), or for
	 * waiting on it with IDLE (long reads). The caller closes it.
	 */
	Store openImap(String host, int port, Security security, String username, String password, boolean idle)
			throws MessagingException {
		Properties props = properties("imap", security);
		String protocol = security == Security.TLS ? "imaps" : "imap";
		if (idle) {
			// RFC 2177 §3: re-issue IDLE within 29 minutes; a read that waits longer is a
			// dead connection, and the watcher connects again.
			props.put("mail." + protocol + ".timeout", String.valueOf(25 * 60 * 1000));
		}
		// Fetch big messages in one piece rather than 16 KiB partial fetches.
		props.put("mail." + protocol + ".partialfetch", "false");
		props.put("mail." + protocol + ".fetchsize", "1048576");
		Store store = Session.getInstance(props).getStore(protocol);
		store.connect(host, port, username, password);
		return store;
	}

	/** Sends one message through the server, or fails with the stage that failed. */
	Step send(String host, int port, Security security, String username, String password,
			java.util.function.Function<Session, jakarta.mail.internet.MimeMessage> message) {
		Properties props = properties("smtp", security);
		props.put("mail.smtp.auth", "true");
		String protocol = security == Security.TLS ? "smtps" : "smtp";
		Session session = Session.getInstance(props);
		try (Transport transport = session.getTransport(protocol)) {
			transport.connect(host, port, username, password);
			jakarta.mail.internet.MimeMessage mime = message.apply(session);
			transport.sendMessage(mime, mime.getAllRecipients());
			return new Step(true, null, "Sent through " + host + ":" + port + ".");
		}
		catch (MessagingException ex) {
			return classify(ex, host, port);
		}
	}

	static Properties properties(String protocol, Security security) {
		Properties props = new Properties();
		for (String p : new String[] { protocol, protocol + "s" }) {
			props.put("mail." + p + ".connectiontimeout", String.valueOf(TIMEOUT_MILLIS));
			props.put("mail." + p + ".timeout", String.valueOf(TIMEOUT_MILLIS));
			props.put("mail." + p + ".writetimeout", String.valueOf(TIMEOUT_MILLIS));
			// Check the certificate is for the host we asked for (not only that it is
			// trusted).
			props.put("mail." + p + ".ssl.checkserveridentity", "true");
		}
		if (security == Security.STARTTLS) {
			props.put("mail." + protocol + ".starttls.enable", "true");
			props.put("mail." + protocol + ".starttls.required", "true");
		}
		return props;
	}

	static Step classify(MessagingException ex, String host, int port) {
		Throwable cause = ex;
		while (cause != null) {
			if (cause instanceof UnknownHostException) {
				return new Step(false, "dns", "The host name " + host + " does not resolve: check its spelling.");
			}
			if (cause instanceof SocketTimeoutException) {
				return new Step(false, "timeout",
						"No answer from " + host + ":" + port + " within " + TIMEOUT_MILLIS / 1000
								+ " s: a firewall may be dropping the connection, or the port is wrong.");
			}
			if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
				return new Step(false, "tcp", "Nothing accepts connections on " + host + ":" + port
						+ ": check the port (SMTP usually 587 or 465, IMAP 993).");
			}
			if (cause instanceof SSLException) {
				return new Step(false, "tls", "The TLS handshake with " + host + ":" + port + " failed ("
						+ cause.getMessage() + "): check the security setting (STARTTLS on 587, TLS on 465/993).");
			}
			if (cause instanceof AuthenticationFailedException) {
				return new Step(false, "authentication",
						"The server refused the username or password"
								+ (cause.getMessage() == null ? "." : ": " + cause.getMessage().strip())
								+ ". With 2-step verification on, use an app password.");
			}
			cause = cause.getCause();
		}
		String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
		if (message.contains("STARTTLS")) {
			return new Step(false, "tls", "The server does not offer STARTTLS on this port: " + message.strip());
		}
		if (message.toLowerCase().contains("authentication") || message.startsWith("535")) {
			return new Step(false, "authentication", "The server refused the login: " + message.strip());
		}
		return new Step(false, "protocol", "The server answered unexpectedly: " + message.strip());
	}

}
