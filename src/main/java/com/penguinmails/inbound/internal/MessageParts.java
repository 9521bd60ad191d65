package com.penguinmails.inbound.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;

/**
 * A received message taken apart once: its leaf parts (an attached message/rfc822 is a
 * leaf, never opened here), the report-type of its multipart/report, its text, and the
 * problems met on the way. Reading never throws: what cannot be read becomes a problem.
 */
final class MessageParts {

	private static final int MAX_DEPTH = 8;

	private static final int MAX_LEAVES = 64;

	private static final int MAX_PART_BYTES = 2 * 1024 * 1024;

	private static final Pattern BLOCK_TAGS = Pattern
		.compile("(?i)<\\s*(br|/p|/div|/tr|/li|/h\\d|/table|/blockquote)\\b[^>]*>");

	private static final Pattern HIDDEN_ELEMENTS = Pattern.compile("(?is)<(style|script|head)\\b.*?</\\1\\s*>");

	private static final Pattern TAGS = Pattern.compile("(?s)<[^>]*>");

	// Where a reply's own words end: the quoted message or the signature.
	private static final Pattern QUOTE_START = Pattern
		.compile("(?m)^(>|On .{0,200} wrote:\\s*$|Am .{0,200}schrieb.{0,100}:\\s*$"
				+ "|Le .{0,200}a écrit\\s?:\\s*$|-{2,}\\s*Original Message\\s*-{2,}|_{10,}|From: .+$|-- $)");

	private final MimeMessage message;

	private final List<Part> leaves = new ArrayList<>();

	private final Set<String> problems = new LinkedHashSet<>();

	private final Map<Part, String> texts = new IdentityHashMap<>();

	private String reportType;

	private MessageParts(MimeMessage message) {
		this.message = message;
	}

	static MessageParts of(MimeMessage message) {
		MessageParts parts = new MessageParts(message);
		parts.walk(message, 0);
		return parts;
	}

	private void walk(Part part, int depth) {
		String type = baseType(part);
		if (!type.startsWith("multipart/")) {
			if (this.leaves.size() < MAX_LEAVES) {
				this.leaves.add(part);
			}
			return;
		}
		if (depth >= MAX_DEPTH) {
			problem("multiparts nested deeper than " + MAX_DEPTH + " levels were not read");
			return;
		}
		if (type.equals("multipart/report") && this.reportType == null) {
			// RFC 6522 §3: the report-type parameter names the machine-readable part.
			String value = parameter(part, "report-type");
			this.reportType = (value != null) ? value.toLowerCase(Locale.ROOT) : "";
		}
		try {
			Multipart multipart = multipart(part);
			int count = multipart.getCount();
			if (multipart instanceof MimeMultipart mime && !mime.isComplete()) {
				problem("the multipart ends without its closing boundary (truncated)");
			}
			for (int i = 0; i < count; i++) {
				walk(multipart.getBodyPart(i), depth + 1);
			}
		}
		catch (MessagingException | IOException | RuntimeException ex) {
			problem("a " + type + " part could not be read: " + ex.getMessage());
			this.leaves.add(part);
		}
	}

	private static Multipart multipart(Part part) throws MessagingException, IOException {
		Object content = part.getContent();
		if (content instanceof Multipart multipart) {
			return multipart;
		}
		// No DataContentHandler for this multipart subtype: parse it ourselves.
		return new MimeMultipart(part.getDataHandler().getDataSource());
	}

	MimeMessage message() {
		return this.message;
	}

	/** The report-type of the first multipart/report, lower case, or {@code null}. */
	String reportType() {
		return this.reportType;
	}

	List<Part> ofType(String... types) {
		List<Part> found = new ArrayList<>();
		for (Part leaf : this.leaves) {
			if (List.of(types).contains(baseType(leaf))) {
				found.add(leaf);
			}
		}
		return found;
	}

	Optional<Part> first(String... types) {
		return ofType(types).stream().findFirst();
	}

	void problem(String problem) {
		this.problems.add(problem);
	}

	List<String> problems() {
		return List.copyOf(this.problems);
	}

	/** A header of the received message, unfolded and decoded, or {@code null}. */
	String header(String name) {
		return header(this.message, name);
	}

	String header(Part part, String name) {
		try {
			String[] values = part.getHeader(name);
			return (values != null && values.length > 0) ? decode(MailCharsets.rawUtf8(values[0])) : null;
		}
		catch (MessagingException | RuntimeException ex) {
			problem("the " + name + " header could not be read");
			return null;
		}
	}

	String decode(String raw) {
		String unfolded = MimeUtility.unfold(raw).strip();
		try {
			// RFC 2047 encoded-words.
			return MimeUtility.decodeText(unfolded);
		}
		catch (UnsupportedEncodingException | RuntimeException ex) {
			problem("undecodable header text " + unfolded);
			return unfolded;
		}
	}

	/** Every text/plain part, joined; the text/html parts' text when there is none. */
	String text() {
		List<Part> plain = ofType("text/plain");
		List<Part> chosen = plain.isEmpty() ? ofType("text/html") : plain;
		StringBuilder text = new StringBuilder();
		for (Part part : chosen) {
			text.append(text(part)).append('\n');
		}
		// A multipart that could not be parsed is kept as a leaf: its raw text is all.
		for (Part part : this.leaves) {
			if (baseType(part).startsWith("multipart/")) {
				text.append(text(part)).append('\n');
			}
		}
		return text.toString();
	}

	/**
	 * The words of the message's first text part before any quoted message or signature.
	 */
	String ownText() {
		Optional<Part> body = first("text/plain").or(() -> first("text/html"));
		if (body.isEmpty()) {
			return "";
		}
		String text = text(body.get());
		var quote = QUOTE_START.matcher(text);
		return (quote.find() ? text.substring(0, quote.start()) : text).strip();
	}

	/**
	 * A part's content as text, decoded by its Content-Transfer-Encoding and charset; an
	 * unknown charset is read as UTF-8 with replacement characters, an HTML part as its
	 * text.
	 */
	String text(Part part) {
		return this.texts.computeIfAbsent(part, (key) -> {
			String text = new String(bytes(key), charset(key)).replace("\r\n", "\n").replace('\r', '\n');
			return baseType(key).equals("text/html") ? htmlText(text) : text;
		});
	}

	/** A part's content, decoded by its Content-Transfer-Encoding, as a stream. */
	InputStream stream(Part part) {
		return new ByteArrayInputStream(bytes(part));
	}

	private byte[] bytes(Part part) {
		try (InputStream in = part.getInputStream()) {
			return limited(in);
		}
		catch (MessagingException | IOException | RuntimeException ex) {
			// An unknown or broken Content-Transfer-Encoding: raw bytes beat nothing.
			problem("a " + baseType(part) + " part could not be decoded: " + ex.getMessage());
			try (InputStream raw = rawStream(part)) {
				return (raw != null) ? limited(raw) : new byte[0];
			}
			catch (MessagingException | IOException | RuntimeException again) {
				return new byte[0];
			}
		}
	}

	private static InputStream rawStream(Part part) throws MessagingException {
		if (part instanceof MimeMessage message) {
			return message.getRawInputStream();
		}
		return (part instanceof MimeBodyPart body) ? body.getRawInputStream() : null;
	}

	private byte[] limited(InputStream in) throws IOException {
		byte[] bytes = in.readNBytes(MAX_PART_BYTES);
		if (bytes.length == MAX_PART_BYTES && in.read() != -1) {
			problem("a part longer than " + MAX_PART_BYTES + " bytes was read only in part");
		}
		return bytes;
	}

	private Charset charset(Part part) {
		String name = parameter(part, "charset");
		if (name == null || name.isBlank()) {
			return StandardCharsets.UTF_8;
		}
		Optional<Charset> charset = MailCharsets.forName(name);
		if (charset.isEmpty()) {
			problem("undecodable charset " + name.strip());
		}
		return charset.orElse(StandardCharsets.UTF_8);
	}

	private static String htmlText(String html) {
		String text = HIDDEN_ELEMENTS.matcher(html).replaceAll(" ");
		text = BLOCK_TAGS.matcher(text).replaceAll("\n");
		text = TAGS.matcher(text).replaceAll("");
		return text.replace("&nbsp;", " ")
			.replace("&lt;", "<")
			.replace("&gt;", ">")
			.replace("&quot;", "\"")
			.replace("&#39;", "'")
			.replace("&amp;", "&");
	}

	/**
	 * The part's media type, lower case ({@code "text/plain"} when it cannot be read).
	 */
	static String baseType(Part part) {
		String contentType;
		try {
			contentType = part.getContentType();
		}
		catch (MessagingException | RuntimeException ex) {
			return "text/plain";
		}
		if (contentType == null) {
			return "text/plain";
		}
		try {
			return new ContentType(contentType).getBaseType().toLowerCase(Locale.ROOT);
		}
		catch (ParseException | RuntimeException ex) {
			int semicolon = contentType.indexOf(';');
			String base = (semicolon >= 0) ? contentType.substring(0, semicolon) : contentType;
			return base.strip().toLowerCase(Locale.ROOT);
		}
	}

	private static String parameter(Part part, String name) {
		try {
			return new ContentType(part.getContentType()).getParameter(name);
		}
		catch (MessagingException | RuntimeException ex) {
			return null;
		}
	}

}
