package com.penguinmails.mailboxes.internal;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

import org.springframework.stereotype.Component;

import com.penguinmails.mailboxes.ConnectionTest.Step;
import com.penguinmails.mailboxes.Security;
import com.penguinmails.shared.NetworkPolicy;

/**
 * Real connections with Jakarta Mail (Angus): SMTP EHLO and AUTH, IMAP LOGIN and SELECT
 * INBOX. Every connection first checks the host against the {@link NetworkPolicy} (no
 * loopback or private address unless allowed), and gives our own name in EHLO. "Logged
 * in" is said only when a login happened: a server that offers no AUTH fails unless the
 * mailbox is set to need none. A failure is named by where it happened (dns, tcp, tls,
 * greeting, authentication, timeout, protocol) and the reply code, never by the server's
 * own words: a greeting or reply text is the server's to choose, not ours to show.
 */
@Component
class ConnectionTester {

	static final int TIMEOUT_MILLIS = 10_000;

	/** RFC 5321 §4.2 reply code, and RFC 3463 enhanced status code when there is one. */
	private static final Pattern REPLY = Pattern.compile("^\\s*([2-5]\\d\\d)(?:[ -]+([245]\\.\\d{1,3}\\.\\d{1,3}))?");

	private final NetworkPolicy network;

	ConnectionTester(NetworkPolicy network) {
		this.network = network;
	}

	/** An SMTP server to connect to, as a mailbox stores it. */
	record SmtpServer(String host, int port, Security security, String username, String password, boolean auth,
			String helo) {
	}

	/**
	 * The server offered no AUTH (RFC 4954 §3: no "AUTH" EHLO keyword), though a login
	 * was asked.
	 */
	static final class NoAuthOffered extends MessagingException {

		NoAuthOffered() {
			super("no AUTH offered");
		}

	}

	Step smtp(SmtpServer server) {
		try (SMTPTransport transport = connect(server)) {
			return new Step(true, null,
					server.auth() ? "Connected to " + server.host() + ":" + server.port() + " and logged in."
							: "Connected to " + server.host() + ":" + server.port()
									+ " (no authentication, as set for this mailbox).");
		}
		catch (MessagingException ex) {
			return classify(ex, server.host(), server.port());
		}
	}

	/**
	 * Connects (the network policy checked), says EHLO with the mailbox's name, and logs
	 * in when the mailbox needs it. The caller closes the transport.
	 * @throws NoAuthOffered when a login is needed and the server offers none
	 * @throws NetworkPolicy.RefusedAddress when the host is not allowed (nothing was
	 * connected)
	 */
	HandOverSmtpTransport connect(SmtpServer server) throws MessagingException {
		network.check(server.host(), server.port());
		Properties props = properties("smtp", server.security());
		for (String p : new String[] { "smtp", "smtps" }) {
			props.put("mail." + p + ".auth", String.valueOf(server.auth()));
			// RFC 5321 §4.1.1.1: EHLO gives the client's own name, never "localhost".
			props.put("mail." + p + ".localhost", server.helo());
		}
		// RFC 6531 §3.4: MAIL FROM carries SMTPUTF8 when the server offers it, for an
		// address whose local part is not ASCII (IDN domains go as A-labels anyway).
		props.put("mail.mime.allowutf8", "true");
		String protocol = server.security() == Security.TLS ? "smtps" : "smtp";
		HandOverSmtpTransport transport = new HandOverSmtpTransport(Session.getInstance(props), protocol);
		if (server.auth()) {
			transport.connect(server.host(), server.port(), server.username(), server.password());
			// Angus logs in only when the server offers AUTH; without it the connection
			// is open but nobody logged in.
			if (!transport.supportsExtension("AUTH") && !transport.supportsExtension("AUTH=LOGIN")) {
				transport.close();
				throw new NoAuthOffered();
			}
		}
		else {
			transport.connect(server.host(), server.port(), null, null);
		}
		return transport;
	}

	Step imap(String host, int port, Security security, String username, String password) {
		network.check(host, port);
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
		try {
			network.check(host, port);
		}
		catch (NetworkPolicy.RefusedAddress ex) {
			throw new MessagingException(ex.getMessage());
		}
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

	/**
	 * Sends one prepared message through the server, or fails with the stage that failed.
	 */
	Step send(SmtpServer server, MimeMessage message) {
		try (SMTPTransport transport = connect(server)) {
			transport.sendMessage(message, message.getAllRecipients());
			return new Step(true, null, "Sent through " + server.host() + ":" + server.port() + ".");
		}
		catch (MessagingException ex) {
			return classify(ex, server.host(), server.port());
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

	/**
	 * What went wrong, in words that say what to check: first by the cause Java names
	 * (DNS, timeout, TCP, TLS, login), then by the SMTP command refused (a test send),
	 * then by the server's reply text.
	 */
	static Step classify(MessagingException ex, String host, int port) {
		if (ex instanceof NoAuthOffered) {
			return new Step(false, "authentication", "The server offers no AUTH, so nobody logged in: tick "
					+ "'no authentication' if it needs none (a relay that trusts this machine), else check the port "
					+ "and security (a submission port, 587 or 465, offers AUTH after TLS).");
		}
		Step step = byCause(ex, host, port);
		if (step == null) {
			step = byRefusedCommand(ex);
		}
		return step != null ? step : byReply(ex);
	}

	/** The failure by the first cause Java names; null when none is known. */
	private static Step byCause(MessagingException ex, String host, int port) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
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
				// The handshake's failure as Java names it (our words, not the server's).
				return new Step(false, "tls",
						"The TLS handshake with " + host + ":" + port + " failed (" + cause.getClass().getSimpleName()
								+ "): check the security setting (STARTTLS on 587, TLS on 465/993).");
			}
			if (cause instanceof AuthenticationFailedException) {
				return authentication(cause.getMessage());
			}
		}
		return null;
	}

	/**
	 * A refused recipient or message (a test send): the command and its reply code; null
	 * when no command was refused.
	 */
	private static Step byRefusedCommand(MessagingException ex) {
		for (Exception next = ex; next != null; next = next instanceof MessagingException m ? m.getNextException()
				: null) {
			if (next instanceof SMTPAddressFailedException refused) {
				String code = replyCode(refused.getMessage() == null ? "" : refused.getMessage());
				return new Step(false, "recipient", "The server refused the recipient (RCPT answered "
						+ (code.isEmpty() ? String.valueOf(refused.getReturnCode()) : code) + ").");
			}
			if (next instanceof SMTPSendFailedException refused) {
				String code = replyCode(refused.getMessage() == null ? "" : refused.getMessage());
				return new Step(false, "message", "The server refused the message (it answered "
						+ (code.isEmpty() ? String.valueOf(refused.getReturnCode()) : code) + ").");
			}
		}
		return null;
	}

	/** The failure by the server's reply (RFC 5321 §4.2) as the exception quotes it. */
	private static Step byReply(MessagingException ex) {
		String message = ex.getMessage() == null ? "" : ex.getMessage();
		String reply = replyCode(message);
		if (message.contains("STARTTLS")) {
			return new Step(false, "tls",
					"The server does not offer STARTTLS on this port"
							+ (reply.isEmpty() ? "" : " (it answered " + reply + ")")
							+ ": check the security setting (STARTTLS on 587, TLS on 465/993).");
		}
		if (message.toLowerCase(java.util.Locale.ROOT).contains("greeting")) {
			return new Step(false, "greeting", "The server's greeting was "
					+ (reply.isEmpty() ? "not a welcome" : reply) + ": it does not accept this connection.");
		}
		if (message.startsWith("535") || message.startsWith("534") || message.startsWith("454")) {
			return authentication(message);
		}
		return new Step(false, "protocol", "The server answered unexpectedly"
				+ (reply.isEmpty() ? " (" + ex.getClass().getSimpleName() + ")" : ": " + reply) + ".");
	}

	/**
	 * A refused login, named by the reply (RFC 4954 §6): only 535 says the credentials
	 * are wrong; 454 is a temporary failure, 534 a mechanism too weak, 530/538 TLS first.
	 */
	private static Step authentication(String serverText) {
		String reply = replyCode(serverText == null ? "" : serverText);
		if (reply.startsWith("535")) {
			return new Step(false, "authentication", "The server refused the username or password (AUTH answered "
					+ reply + "). With 2-step verification on, use an app password.");
		}
		if (reply.isEmpty()) {
			// IMAP's NO to LOGIN, or Angus finding no mechanism in common: no code.
			boolean noMechanism = serverText != null && serverText.contains("No authentication mechanisms");
			return new Step(false, "authentication",
					noMechanism
							? "The server offers no login method we support (PLAIN, LOGIN, DIGEST-MD5, NTLM, XOAUTH2)."
							: "The server refused the login: check the username and password (with 2-step verification "
									+ "on, an app password).");
		}
		String why = reply.startsWith("4") ? "a temporary failure on the server's side; try again later"
				: reply.startsWith("534") ? "the server wants another login method or an app password"
						: reply.startsWith("530") || reply.startsWith("538") ? "the server wants TLS first"
								: "the server refused the login for a reason other than the password";
		return new Step(false, "authentication", "AUTH answered " + reply + ": " + why + ".");
	}

	/** "454 4.7.0" from a reply line, or "" when it holds no reply code. */
	static String replyCode(String text) {
		// Angus puts the server's reply after "response:" in its own messages.
		int response = text.indexOf("response:");
		Matcher matcher = REPLY.matcher(response >= 0 ? text.substring(response + 9) : text);
		if (!matcher.find()) {
			return "";
		}
		return matcher.group(2) == null ? matcher.group(1) : matcher.group(1) + " " + matcher.group(2);
	}

}
