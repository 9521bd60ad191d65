package com.penguinmails.reputation.internal.dmarc;

import java.math.BigDecimal;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the values of a report as reporters write them: IP addresses (normalised), times
 * (epoch seconds, as RFC 7489 and RFC 9990 say, or what some reporters write instead),
 * result words. Pure functions, no DNS.
 */
final class ReportValues {

	private static final Pattern IPV4 = Pattern
		.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

	private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

	/** Seconds since the epoch beyond which a number must be milliseconds (year 5138). */
	private static final long MILLIS_THRESHOLD = 100_000_000_000L;

	/** RFC 8601 / RFC 7208 §2.6 result words a raw DKIM or SPF result may take. */
	static final Set<String> AUTH_RESULTS = Set.of("pass", "fail", "softfail", "neutral", "none", "temperror",
			"permerror", "policy");

	private ReportValues() {
	}

	/**
	 * The address in its canonical text: IPv4 dotted quad, IPv6 as RFC 5952 §4 writes it
	 * (lower case, longest zero run as {@code ::}); an IPv4-mapped IPv6 address as its
	 * IPv4; null when the text is not an address literal.
	 */
	static String ip(String text) {
		if (text == null) {
			return null;
		}
		String value = text.strip();
		if (value.startsWith("[") && value.endsWith("]")) {
			value = value.substring(1, value.length() - 1);
		}
		if (IPV4.matcher(value).matches()) {
			return value;
		}
		// Only hex digits, colons and dots reach InetAddress, which then parses a literal
		// and never asks DNS.
		if (!value.contains(":") || !IPV6_CHARS.matcher(value).matches()) {
			return null;
		}
		try {
			InetAddress address = InetAddress.getByName(value);
			if (address instanceof Inet4Address) {
				return address.getHostAddress();
			}
			return address instanceof Inet6Address ? rfc5952(address.getAddress()) : null;
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	// RFC 5952 §4.2: the longest run of two or more zero groups (the first if tied)
	// becomes "::".
	private static String rfc5952(byte[] bytes) {
		int[] groups = new int[8];
		for (int i = 0; i < 8; i++) {
			groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
		}
		int bestStart = -1;
		int bestLength = 1;
		for (int i = 0; i < 8; i++) {
			int j = i;
			while (j < 8 && groups[j] == 0) {
				j++;
			}
			if (j - i > bestLength) {
				bestStart = i;
				bestLength = j - i;
			}
			i = Math.max(i, j);
		}
		StringBuilder text = new StringBuilder(39);
		for (int i = 0; i < 8; i++) {
			if (i == bestStart) {
				text.append(i == 0 ? "::" : ":");
				i += bestLength - 1;
				continue;
			}
			text.append(Integer.toHexString(groups[i]));
			if (i < 7) {
				text.append(':');
			}
		}
		return text.toString();
	}

	/**
	 * A {@code date_range} bound. RFC 7489 Appendix C and RFC 9990: an integer of seconds
	 * since the epoch. Also read, with a warning: a decimal, milliseconds, an ISO 8601
	 * date-time or date (UTC).
	 * @throws IllegalArgumentException when none of these
	 */
	static Instant time(String text, Warnings warnings) {
		String value = text.strip();
		if (value.startsWith("+")) {
			value = value.substring(1);
		}
		try {
			BigDecimal number = new BigDecimal(value);
			long seconds = number.longValue();
			if (number.scale() > 0 && number.stripTrailingZeros().scale() > 0) {
				warnings.add("a date_range bound has a fraction of a second; it was dropped");
			}
			if (Math.abs(seconds) >= MILLIS_THRESHOLD) {
				warnings.add("a date_range bound is in milliseconds, not seconds");
				return Instant.ofEpochMilli(seconds);
			}
			return Instant.ofEpochSecond(seconds);
		}
		catch (NumberFormatException ex) {
			warnings.add("a date_range bound is written as a date, not seconds since the epoch");
			return dateText(value);
		}
	}

	private static Instant dateText(String value) {
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException notOffset) {
			try {
				return Instant.parse(value.endsWith("Z") ? value : value + "Z");
			}
			catch (DateTimeParseException notInstant) {
				try {
					return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
				}
				catch (DateTimeParseException notDate) {
					throw new IllegalArgumentException("date_range bound \"" + shorten(value) + "\" is not a time");
				}
			}
		}
	}

	/**
	 * A raw DKIM or SPF result in lower case (RFC 7208 §2.6, RFC 6376 §3.9 as RFC 8601
	 * names them). Words of pre-RFC 4408 SPF libraries some reporters still write are
	 * read as today's: {@code hardfail} is {@code fail}, {@code unknown} is
	 * {@code permerror}, {@code error} is {@code temperror}; any other unknown word is
	 * kept, with a warning.
	 */
	static String authResult(String text, Warnings warnings) {
		if (text == null) {
			warnings.add("an auth_results entry has no result; read as none");
			return "none";
		}
		String word = text.toLowerCase(Locale.ROOT);
		String known = switch (word) {
			case "hardfail" -> "fail";
			case "unknown" -> "permerror";
			case "error" -> "temperror";
			default -> word;
		};
		if (!AUTH_RESULTS.contains(known)) {
			warnings.add("unknown auth result \"" + shorten(word) + "\"");
		}
		return known;
	}

	/** Lower case, or null. */
	static String lower(String text) {
		return text == null ? null : text.toLowerCase(Locale.ROOT);
	}

	/** A domain name as compared everywhere: lower case, no final dot; null if empty. */
	static String domain(String text) {
		if (text == null) {
			return null;
		}
		String domain = text.toLowerCase(Locale.ROOT);
		domain = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
		return domain.isEmpty() ? null : domain;
	}

	/** At most 60 characters of a value, for a message. */
	static String shorten(String value) {
		return value.length() <= 60 ? value : value.substring(0, 57) + "...";
	}

}
