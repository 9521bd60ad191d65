package com.penguinmails.domains.internal;

import java.net.IDN;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.penguinmails.shared.InvalidInputProblem;

/**
 * The rules for what users type as domain names, host lists and SPF mechanisms; each
 * refusal is an {@link InvalidInputProblem} (400) that says what to type instead.
 */
public final class DomainNames {

	/** RFC 1035 §2.3.1 label (LDH), after IDNA conversion. */
	private static final Pattern LABEL = Pattern.compile("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$");

	private DomainNames() {
	}

	/**
	 * The ASCII (punycode, RFC 5891) form of a domain name, lower case, or a clear error.
	 * Internationalised names are accepted in Unicode; a trailing dot is dropped.
	 */
	public static String normalize(String input) {
		String value = input == null ? "" : input.strip().toLowerCase(Locale.ROOT);
		if (value.contains("://") || value.contains("/") || value.contains("@")) {
			throw new InvalidInputProblem("invalid-domain",
					"Enter a domain name like example.com, not a URL or an address.");
		}
		if (value.endsWith(".")) {
			value = value.substring(0, value.length() - 1);
		}
		String ascii;
		try {
			ascii = IDN.toASCII(value, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputProblem("invalid-domain", "\"" + input + "\" is not a valid domain name.");
		}
		String[] labels = ascii.split("\\.", -1);
		boolean valid = ascii.length() <= 253 && labels.length >= 2 && !labels[labels.length - 1].matches("\\d+");
		for (String label : labels) {
			valid &= LABEL.matcher(label).matches();
		}
		if (!valid) {
			throw new InvalidInputProblem("invalid-domain", "\"" + input + "\" is not a valid domain name.");
		}
		return ascii;
	}

	/**
	 * Host names separated by commas or spaces, each normalised as by {@link #normalize};
	 * empty for a null or blank value.
	 */
	public static List<String> hosts(String value) {
		if (value == null || value.isBlank()) {
			return List.of();
		}
		return Arrays.stream(value.split("[\\s,]+")).filter(s -> !s.isBlank()).map(DomainNames::normalize).toList();
	}

	/**
	 * Refuses anything but SPF mechanisms a sender may be authorised by (RFC 7208 §5).
	 */
	public static void checkSpfMechanisms(String spf) {
		for (String mechanism : spf.split("\\s+")) {
			if (!mechanism.isBlank() && !mechanism.matches("^[+~?-]?(include:|ip4:|ip6:|a|mx|exists:)[^\\s]*$")) {
				throw new InvalidInputProblem("invalid-spf",
						"Not an SPF mechanism: " + mechanism + " (use include:, ip4:, ip6:, a, mx or exists:).");
			}
		}
	}

}
