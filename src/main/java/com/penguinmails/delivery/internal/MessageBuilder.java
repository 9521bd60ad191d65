package com.penguinmails.delivery.internal;

import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;

import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.shared.EmailAddresses;

/**
 * Builds the MIME message of an outbox row (Jakarta Mail): From and To with encoded names
 * (RFC 2047), a one-line subject, the row's own Message-ID, threading headers, text and
 * HTML alternatives (text only when the row has no HTML: a plain-text campaign), the
 * mailbox's signature in both, and the RFC 8058 one-click unsubscribe headers.
 */
public final class MessageBuilder {

	private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

	static {
		// Jakarta Mail 2.1 looks its StreamProvider up with a ServiceLoader scan of every
		// jar for each part, multipart and encoded word it makes (jakartaee/mail-api#699,
		// #861): half the dispatcher's CPU. Named here, it is one class lookup; Angus's
		// is
		// the provider the scan finds anyway. A setting given on the command line wins.
		if (System.getProperty(STREAM_PROVIDER) == null) {
			System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
		}
	}

	private static final Session SESSION = Session.getInstance(new Properties());

	// RFC 6532 §3.2: an address whose local part is not ASCII goes in a UTF-8 header
	// (the transport then asks for SMTPUTF8, RFC 6531 §3.4).
	private static final Session UTF8_SESSION = Session.getInstance(utf8Headers());

	private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n]+\\s*");

	private static final Pattern MESSAGE_IDS = Pattern.compile("^(<[^<>\\s]+>\\s*)+$");

	private static final Pattern BODY_END = Pattern.compile("(?i)</body>");

	/**
	 * The open pixel {@link com.penguinmails.delivery.TrackingLinks} appends, last in the
	 * body: the signature goes before it, so the pixel stays the very last thing.
	 */
	private static final Pattern OPEN_PIXEL_AT_END = Pattern.compile(
			"(?is)<table role=\"presentation\" width=\"1\" height=\"1\"[^>]* background=\"[^\"]*/o/[A-Za-z0-9_-]+\"[^>]*>"
					+ "\\s*(<tbody>)?\\s*<tr>\\s*<td></td>\\s*</tr>\\s*(</tbody>)?\\s*</table>\\s*(</body>\\s*(</html>\\s*)?)?$");

	private MessageBuilder() {
	}

	/**
	 * The message of {@code row} from {@code mailbox}, dated {@code now}, with
	 * {@code unsubscribe} (an https URI, as given) in its List-Unsubscribe header, or
	 * without list headers when {@code unsubscribe} is null (an inbox reply).
	 * @throws MessagingException when Jakarta Mail refuses an address or a part
	 */
	public static MimeMessage build(OutboxStore.Claimed row, Mailbox mailbox, URI unsubscribe, Instant now)
			throws MessagingException {
		String from = wireAddress(mailbox.email());
		String to = wireAddress(row.toAddress());
		boolean utf8 = EmailAddresses.needsSmtpUtf8(from) || EmailAddresses.needsSmtpUtf8(to);
		MimeMessage message = new KeptIdMessage(utf8 ? UTF8_SESSION : SESSION, row.messageId());
		try {
			// The envelope (RCPT TO) is taken from these headers, so both carry the
			// domain as an A-label (RFC 5890): any server can route it.
			message.setFrom(new InternetAddress(from, personal(mailbox.displayName()), "UTF-8"));
			message.setRecipient(Message.RecipientType.TO, new InternetAddress(to, personal(row.toName()), "UTF-8"));
		}
		catch (UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
		headers(message, row, mailbox, unsubscribe, now);
		body(message, row, mailbox);
		message.saveChanges();
		return message;
	}

	/**
	 * Reply-To, Subject, Date, threading, RFC 8058 one-click unsubscribe and our id: the
	 * headers after From and To.
	 */
	private static void headers(MimeMessage message, OutboxStore.Claimed row, Mailbox mailbox, URI unsubscribe,
			Instant now) throws MessagingException {
		if (mailbox.replyTo() != null && !mailbox.replyTo().isBlank()) {
			message.setReplyTo(new InternetAddress[] { new InternetAddress(wireAddress(mailbox.replyTo().strip())) });
		}
		// A subject is one line: a CR or LF in it could otherwise start a new header.
		message.setSubject(oneLine(row.subject()), "UTF-8");
		message.setSentDate(Date.from(now));
		// RFC 5322 §3.6.4: In-Reply-To and References hold msg-ids only.
		String inReplyTo = oneLine(row.inReplyTo());
		if (MESSAGE_IDS.matcher(inReplyTo).matches()) {
			message.setHeader("In-Reply-To", inReplyTo);
		}
		String references = oneLine(row.references());
		if (MESSAGE_IDS.matcher(references).matches()) {
			message.setHeader("References", MimeUtility.fold("References: ".length(), references));
		}
		// RFC 2369 §3.2 and RFC 8058 §3.1: an HTTPS URI for the one-click POST, and a
		// mailto for clients that only mail. A person's own reply has none.
		if (unsubscribe != null) {
			message.setHeader("List-Unsubscribe",
					"<" + unsubscribe + ">, <mailto:" + mailbox.email() + "?subject=unsubscribe>");
			message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
		}
		message.setHeader("X-PenguinMails-ID", row.id().toString());
	}

	/**
	 * Text and HTML alternatives with the mailbox's signature, or the text alone for a
	 * row without HTML.
	 */
	private static void body(MimeMessage message, OutboxStore.Claimed row, Mailbox mailbox) throws MessagingException {
		String text = withTextSignature(row.text() == null ? "" : row.text(), mailbox.signatureHtml());
		if (row.html() == null) {
			// A plain-text-only campaign: one text/plain part, nothing else.
			message.setText(text, "UTF-8");
			return;
		}
		MimeMultipart alternative = new MimeMultipart("alternative");
		MimeBodyPart plain = new MimeBodyPart();
		plain.setText(text, "UTF-8");
		MimeBodyPart rich = new MimeBodyPart();
		rich.setContent(withSignature(row.html(), mailbox.signatureHtml()), "text/html; charset=UTF-8");
		// RFC 2046 §5.1.4: the preferred alternative comes last.
		alternative.addBodyPart(plain);
		alternative.addBodyPart(rich);
		message.setContent(alternative);
	}

	/**
	 * An address as it goes on the wire: its domain as a lower-case A-label
	 * ({@link EmailAddresses#normalize}); an address that check refuses is left as given
	 * for the server to judge.
	 */
	static String wireAddress(String address) {
		return EmailAddresses.isValid(address) ? EmailAddresses.normalize(address) : address;
	}

	private static Properties utf8Headers() {
		Properties properties = new Properties();
		properties.put("mail.mime.allowutf8", "true");
		return properties;
	}

	/** The domain of an address, lower case. */
	public static String domainOf(String address) {
		return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
	}

	static String withSignature(String html, String signature) {
		if (signature == null || signature.isBlank()) {
			return html;
		}
		String block = "<div class=\"signature\">" + signature + "</div>";
		java.util.regex.Matcher pixel = OPEN_PIXEL_AT_END.matcher(html);
		if (pixel.find()) {
			return html.substring(0, pixel.start()) + block + html.substring(pixel.start());
		}
		java.util.regex.Matcher end = BODY_END.matcher(html);
		int at = -1;
		while (end.find()) {
			at = end.start();
		}
		return at < 0 ? html + block : html.substring(0, at) + block + html.substring(at);
	}

	/**
	 * The text with the signature's text below the RFC 3676 §4.3 separator ("-- "), so
	 * the text alternative says what the HTML says.
	 */
	static String withTextSignature(String text, String signatureHtml) {
		if (signatureHtml == null || signatureHtml.isBlank()) {
			return text;
		}
		String lines = org.jsoup.Jsoup.parse(signatureHtml.replaceAll("(?i)(</p>|</div>|</tr>)", "$1\n"))
			.wholeText()
			.replaceAll("[ \\t]+\n", "\n")
			.replaceAll("\n{3,}", "\n\n")
			.strip();
		if (lines.isEmpty()) {
			return text;
		}
		String body = text.stripTrailing();
		return (body.isEmpty() ? "" : body + "\n\n") + "-- \n" + lines + "\n";
	}

	static String oneLine(String value) {
		return value == null ? "" : LINE_BREAKS.matcher(value).replaceAll(" ").strip();
	}

	private static String personal(String name) {
		String line = oneLine(name);
		return line.isEmpty() ? null : line;
	}

	/** Keeps the Message-ID the outbox gave it (saveChanges would make a new one). */
	private static final class KeptIdMessage extends MimeMessage {

		private final String messageId;

		KeptIdMessage(Session session, String messageId) {
			super(session);
			this.messageId = messageId;
		}

		@Override
		protected void updateMessageID() throws MessagingException {
			setHeader("Message-ID", messageId);
		}

	}

}
