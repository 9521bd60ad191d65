package com.penguinmails.inbound.internal;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Optional;

import jakarta.mail.internet.MimeUtility;

/**
 * The charset a MIME part names (RFC 2045 §5.1, RFC 2046 §4.1.2), including the legacy
 * ones Java does not ship: UTF-7 (RFC 2152) under its names {@code utf-7} and Microsoft's
 * {@code unicode-1-1-utf-7}, from the jutf7 library. Its provider is asked directly, not
 * through {@link Charset#forName}, which sees only providers on the system class path
 * (not those inside a Spring Boot jar).
 */
final class MailCharsets {

	private static final java.nio.charset.spi.CharsetProvider UTF7 = new com.beetstra.jutf7.CharsetProvider();

	private MailCharsets() {
	}

	/**
	 * A header value as it was meant: Jakarta Mail reads header bytes as ISO-8859-1, so a
	 * header in raw UTF-8 (RFC 6532, or a sender that skipped RFC 2047) arrives as
	 * mojibake ("LÃNA"); when its bytes are valid UTF-8 it is decoded as such, else
	 * returned as it is.
	 */
	static String rawUtf8(String value) {
		if (value == null || value.chars().noneMatch((c) -> c >= 0x80) || value.chars().anyMatch((c) -> c > 0xFF)) {
			return value;
		}
		try {
			return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
				.onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
				.decode(java.nio.ByteBuffer.wrap(value.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)))
				.toString();
		}
		catch (java.nio.charset.CharacterCodingException ex) {
			return value;
		}
	}

	/** The charset of that name (MIME or Java), or empty when none is known. */
	static Optional<Charset> forName(String name) {
		if (name == null || name.isBlank()) {
			return Optional.empty();
		}
		String clean = name.strip().replace("\"", "");
		try {
			return Optional.of(Charset.forName(MimeUtility.javaCharset(clean)));
		}
		catch (IllegalCharsetNameException | UnsupportedCharsetException ex) {
			String lower = clean.toLowerCase(Locale.ROOT);
			String utf7 = lower.equals("unicode-1-1-utf-7") || lower.equals("x-unicode-2-0-utf-7")
					|| lower.equals("csunicode11utf7") ? "UTF-7" : clean;
			return Optional.ofNullable(UTF7.charsetForName(utf7));
		}
	}

}
