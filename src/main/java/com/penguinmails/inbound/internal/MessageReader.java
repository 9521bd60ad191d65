package com.penguinmails.inbound.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

/**
 * Reads one message as received into what inbound stores and matches on: the threading
 * headers, the sender, the text and HTML bodies. Never throws: what cannot be read is
 * left empty and named in {@link Read#problems()}, and the message is flagged.
 */
public final class MessageReader {

	/** How much of each body is kept for the inbox (the raw message keeps everything). */
	static final int MAX_BODY_CHARS = 1_000_000;

	private static final Session SESSION = Session.getInstance(new Properties());

	private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");

	private static final Pattern BLOCK_END = Pattern.compile("(?i)</(p|div|li|tr|h[1-6]|blockquote)>");

	/** A message as read. {@code flags}: malformed, too_large, bad_encoding. */
	public record Read(MimeMessage message, byte[] raw, String messageId, String inReplyTo, List<String> references,
			String fromAddress, String fromName, String to, String subject, Instant sentAt, String text, String html,
			Set<String> flags, List<String> problems) {

		/** The Message-IDs this message answers, nearest first. */
		public List<String> answers() {
			List<String> ids = new ArrayList<>();
			if (inReplyTo != null) {
				ids.addAll(ids(inReplyTo));
			}
			List<String> reversed = new ArrayList<>(references);
			java.util.Collections.reverse(reversed);
			ids.addAll(reversed);
			return List.copyOf(new LinkedHashSet<>(ids));
		}

	}

	private MessageReader() {
	}

	/** Reads a whole message from its bytes. */
	public static Read read(byte[] raw) {
		Set<String> flags = new java.util.TreeSet<>();
		List<String> problems = new ArrayList<>();
		MimeMessage message;
		try {
			message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
		}
		catch (MessagingException ex) {
			flags.add("malformed");
			problems.add("unreadable: " + ex.getMessage());
			message = new MimeMessage(SESSION);
		}
		return read(message, raw, flags, problems);
	}

	/**
	 * Reads only the headers of a message too big to fetch; its body is not read.
	 */
	public static Read headersOnly(Enumeration<Header> headers, long size) {
		Set<String> flags = new java.util.TreeSet<>(Set.of("too_large"));
		List<String> problems = new ArrayList<>(List.of("over the size limit (" + size + " bytes): headers only"));
		InternetHeaders copy = new InternetHeaders();
		while (headers.hasMoreElements()) {
			Header header = headers.nextElement();
			copy.addHeader(header.getName(), header.getValue());
		}
		MimeMessage message;
		try {
			message = new MimeMessage(SESSION);
			for (Enumeration<Header> e = copy.getAllHeaders(); e.hasMoreElements();) {
				Header header = e.nextElement();
				message.addHeader(header.getName(), header.getValue());
			}
			message.setText("");
		}
		catch (MessagingException ex) {
			message = new MimeMessage(SESSION);
			flags.add("malformed");
		}
		return read(message, null, flags, problems);
	}

	private static Read read(MimeMessage message, byte[] raw, Set<String> flags, List<String> problems) {
		String messageId = first(header(message, "Message-ID", problems)).orElse(null);
		String inReplyTo = first(header(message, "In-Reply-To", problems)).orElse(null);
		List<String> references = ids(header(message, "References", problems));
		String fromAddress = "";
		String fromName = "";
		try {
			Address[] from = message.getFrom();
			if (from != null && from.length > 0 && from[0] instanceof InternetAddress address) {
				fromAddress = address.getAddress() == null ? "" : address.getAddress();
				fromName = address.getPersonal() == null ? "" : MailCharsets.rawUtf8(address.getPersonal());
			}
		}
		catch (MessagingException ex) {
			// RFC 5322 §3.6.2 says one From; a broken one is kept as text.
			flags.add("malformed");
			problems.add("unreadable From: " + ex.getMessage());
			fromAddress = loose(header(message, "From", problems));
		}
		String to = to(message, problems);
		String subject = subject(message, flags, problems);
		Instant sentAt = null;
		try {
			Date date = message.getSentDate();
			sentAt = date == null ? null : date.toInstant();
		}
		catch (MessagingException ex) {
			problems.add("unreadable Date");
		}
		StringBuilder text = new StringBuilder();
		StringBuilder html = new StringBuilder();
		if (!flags.contains("too_large")) {
			bodies(message, text, html, flags, problems, 0);
		}
		if (text.isEmpty() && !html.isEmpty()) {
			// An HTML-only reply: its text, for the inbox (which never renders mail
			// HTML).
			String blocks = BLOCK_END.matcher(html).replaceAll("\n$0");
			text.append(org.jsoup.Jsoup.parse(blocks).wholeText().replaceAll("\n{3,}", "\n\n").strip());
		}
		return new Read(message, raw, clip(messageId, 998), clip(inReplyTo, 998), references, clip(fromAddress, 320),
				clip(fromName, 400), to, clip(subject.replaceAll("[\\r\\n]+", " "), 1000), sentAt,
				clip(text.toString(), MAX_BODY_CHARS), clip(html.toString(), MAX_BODY_CHARS), flags, problems);
	}

	private static String to(MimeMessage message, List<String> problems) {
		try {
			Address[] recipients = message.getRecipients(Message.RecipientType.TO);
			return recipients == null ? ""
					: String.join(", ", Arrays.stream(recipients).map(Address::toString).toList());
		}
		catch (MessagingException ex) {
			return header(message, "To", problems);
		}
	}

	private static String subject(MimeMessage message, Set<String> flags, List<String> problems) {
		try {
			// Raw UTF-8 repaired before RFC 2047 words are decoded.
			String written = message.getHeader("Subject", null);
			return written == null ? "" : MimeUtility.decodeText(MailCharsets.rawUtf8(MimeUtility.unfold(written)));
		}
		catch (MessagingException | UnsupportedEncodingException ex) {
			flags.add("bad_encoding");
			return header(message, "Subject", problems);
		}
	}

	/** The first text/plain and text/html parts, depth first (RFC 2046 §5.1.4). */
	private static void bodies(Part part, StringBuilder text, StringBuilder html, Set<String> flags,
			List<String> problems, int depth) {
		if (depth > 20) {
			flags.add("malformed");
			problems.add("parts nested too deep");
			return;
		}
		try {
			if (part.isMimeType("multipart/*")) {
				Object content = part.getContent();
				if (!(content instanceof Multipart multipart)) {
					flags.add("malformed");
					problems.add("a multipart without parts");
					return;
				}
				for (int i = 0; i < multipart.getCount(); i++) {
					bodies(multipart.getBodyPart(i), text, html, flags, problems, depth + 1);
				}
				return;
			}
			if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
				return;
			}
			boolean plain = part.isMimeType("text/plain");
			if ((plain && text.isEmpty()) || (part.isMimeType("text/html") && html.isEmpty())) {
				(plain ? text : html).append(decode(part, flags, problems));
			}
		}
		catch (MessagingException | IOException | RuntimeException ex) {
			flags.add("malformed");
			problems.add("unreadable part: " + ex.getMessage());
		}
	}

	/**
	 * A text part's content; an unknown or lying charset is read as UTF-8 with
	 * replacement characters and flagged.
	 */
	private static String decode(Part part, Set<String> flags, List<String> problems)
			throws MessagingException, IOException {
		try {
			Object content = part.getContent();
			if (content instanceof String string) {
				return string;
			}
		}
		catch (UnsupportedEncodingException ex) {
			java.util.Optional<java.nio.charset.Charset> legacy = MailCharsets.forName(charsetOf(part));
			if (legacy.isPresent()) {
				// A legacy charset Java lacks (UTF-7): decoded, not flagged.
				try (InputStream in = part.getInputStream()) {
					return new String(in.readAllBytes(), legacy.get());
				}
			}
			flags.add("bad_encoding");
			problems.add("unknown charset: " + ex.getMessage());
		}
		try (InputStream in = part.getInputStream()) {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			in.transferTo(bytes);
			return bytes.toString(StandardCharsets.UTF_8);
		}
	}

	private static String charsetOf(Part part) {
		try {
			return new jakarta.mail.internet.ContentType(part.getContentType()).getParameter("charset");
		}
		catch (MessagingException | RuntimeException ex) {
			return null;
		}
	}

	private static String header(MimeMessage message, String name, List<String> problems) {
		try {
			String value = message.getHeader(name, " ");
			if (value == null) {
				return "";
			}
			String unfolded = MailCharsets.rawUtf8(MimeUtility.unfold(value));
			try {
				return MimeUtility.decodeText(unfolded);
			}
			catch (UnsupportedEncodingException ex) {
				return unfolded;
			}
		}
		catch (MessagingException ex) {
			problems.add("unreadable " + name);
			return "";
		}
	}

	static List<String> ids(String value) {
		List<String> ids = new ArrayList<>();
		Matcher matcher = MESSAGE_ID.matcher(value == null ? "" : value);
		while (matcher.find() && ids.size() < 100) {
			ids.add(clip(matcher.group(), 998));
		}
		return ids;
	}

	private static java.util.Optional<String> first(String value) {
		return ids(value).stream().findFirst();
	}

	private static String loose(String from) {
		Matcher matcher = Pattern.compile("[^\\s<>\"]+@[^\\s<>\"]+").matcher(from);
		return matcher.find() ? matcher.group() : "";
	}

	private static String clip(String value, int max) {
		return value == null || value.length() <= max ? value : value.substring(0, max);
	}

}
