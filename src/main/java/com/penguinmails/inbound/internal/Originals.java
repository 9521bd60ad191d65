package com.penguinmails.inbound.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;

/**
 * The message we sent, as a report gives it back: the attached message/rfc822 (RFC 3464
 * §2, RFC 5965 §2 item 3) or text/rfc822-headers (RFC 6522 §4) part, else headers quoted
 * in a non-standard bounce's text.
 */
final class Originals {

	private static final Pattern UUID = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");

	private static final Pattern QUOTED_PENGUIN_ID = Pattern.compile("(?im)^[ \\t>]*X-PenguinMails-ID:\\s*(\\S+)");

	private static final Pattern QUOTED_MESSAGE_ID = Pattern.compile("(?im)^[ \\t>]*Message-ID:\\s*(<[^<>\\s]+>)");

	private static final Pattern QUOTED_TO = Pattern.compile("(?im)^[ \\t>]*To:[ \\t]*(.+)$");

	private static final Pattern QUOTED_SUBJECT = Pattern.compile("(?im)^[ \\t>]*Subject:[ \\t]*(.+)$");

	private Originals() {
	}

	/**
	 * The original's headers from the report's attachment, each unfolded and decoded, or
	 * empty when the report attaches none.
	 */
	static Optional<UnaryOperator<String>> attachedHeaders(MessageParts parts) {
		Optional<Part> attached = parts.first("message/rfc822", "message/global", "text/rfc822-headers",
				"message/global-headers");
		if (attached.isEmpty()) {
			return Optional.empty();
		}
		Part part = attached.get();
		try {
			Object content = part.getContent();
			if (content instanceof Part message) {
				return Optional.of((name) -> parts.header(message, name));
			}
		}
		catch (MessagingException | IOException | RuntimeException ex) {
			// Read below as plain headers, which is all we need of it.
		}
		try (InputStream in = parts.stream(part)) {
			InternetHeaders headers = new InternetHeaders(in);
			return Optional.of((name) -> {
				String value = headers.getHeader(name, null);
				return (value != null) ? parts.decode(value) : null;
			});
		}
		catch (MessagingException | IOException | RuntimeException ex) {
			parts.problem("the attached original could not be read: " + ex.getMessage());
			return Optional.empty();
		}
	}

	/**
	 * The original as the report tells it: the attachment's headers first, the quoted
	 * text for what those lack; {@code null} when the report says nothing about it.
	 */
	static Original of(MessageParts parts) {
		String messageId = null;
		String penguinId = null;
		String to = null;
		String subject = null;
		Optional<UnaryOperator<String>> headers = attachedHeaders(parts);
		if (headers.isPresent()) {
			messageId = messageId(headers.get().apply("Message-ID"));
			penguinId = penguinId(headers.get().apply("X-PenguinMails-ID"), parts);
			to = address(headers.get().apply("To"));
			subject = headers.get().apply("Subject");
		}
		String text = parts.text();
		String quoted = BounceText.of(text).quoted();
		messageId = (messageId != null) ? messageId : find(QUOTED_MESSAGE_ID, text);
		penguinId = (penguinId != null) ? penguinId : penguinId(find(QUOTED_PENGUIN_ID, text), parts);
		to = (to != null) ? to : address(find(QUOTED_TO, quoted));
		String quotedSubject = find(QUOTED_SUBJECT, quoted);
		subject = (subject != null || quotedSubject == null) ? subject : parts.decode(quotedSubject);
		if (messageId == null && penguinId == null && to == null && subject == null) {
			return null;
		}
		return new Original(messageId, penguinId, to, subject);
	}

	private static String find(Pattern pattern, String text) {
		Matcher matcher = pattern.matcher(text);
		return matcher.find() ? matcher.group(1).strip() : null;
	}

	private static String messageId(String value) {
		if (value == null) {
			return null;
		}
		Matcher matcher = MESSAGE_ID.matcher(value);
		return matcher.find() ? matcher.group() : null;
	}

	private static String penguinId(String value, MessageParts parts) {
		if (value == null) {
			return null;
		}
		if (!UUID.matcher(value.strip()).matches()) {
			parts.problem("the original's X-PenguinMails-ID is not a UUID: " + value.strip());
			return null;
		}
		return value.strip().toLowerCase(Locale.ROOT);
	}

	/** The first address of an address header, bare. */
	static String address(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			InternetAddress[] addresses = InternetAddress.parseHeader(value, false);
			if (addresses.length > 0 && addresses[0].getAddress() != null) {
				return addresses[0].getAddress();
			}
		}
		catch (AddressException ex) {
			// fall through to the text as written
		}
		return FieldBlocks.address(value);
	}

}
