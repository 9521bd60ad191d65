package com.penguinmails.shared;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;

import com.ibm.icu.text.IDNA;

/**
 * The one check and normal form of an email address, used by every feature (contacts and
 * imports, suppressions, identity, mailboxes, test sends).
 *
 * <p>
 * What is accepted: {@code local-part "@" domain} where
 * <ul>
 * <li>the local part is an RFC 5322 §3.2.3 dot-atom ({@code atext} with single dots
 * between atoms), extended by RFC 6531 §3.3 to any non-ASCII character
 * ({@code UTF8-non-ascii}); at most 64 octets in UTF-8 (RFC 5321 §4.5.3.1.1). Quoted
 * local parts ({@code "a b"@example.com}) and comments are refused: no mail system in
 * practice hands them out, and they cannot be told from typing mistakes;</li>
 * <li>the domain is a host name of two or more labels, ASCII or internationalised: it is
 * converted by IDNA2008 with the UTS #46 mapping (ICU4J, non-transitional, STD3 rules,
 * BiDi and CONTEXTJ checks), so {@code MÜLLER.example}, {@code müller.example} and
 * {@code xn--mller-kva.example} are one domain. Address literals ({@code [192.0.2.1]})
 * and dotless domains are refused; at most 253 octets in A-label form (RFC 5321
 * §4.5.3.1.2);</li>
 * <li>the whole address is at most 254 octets (RFC 5321 §4.5.3.1.3: a path of 256 octets,
 * less the angle brackets).</li>
 * </ul>
 *
 * <p>
 * The normal form, which is what is stored and compared everywhere: the local part as
 * given (NFC; its case is kept, RFC 5321 §2.4, though look-ups ignore case), "@", the
 * domain as a lower-case A-label ("punycode", RFC 5890 §2.3.2.1). Stored addresses are
 * therefore ASCII unless the local part is not, so the envelope and the {@code To} header
 * carry exactly what is stored, bounces name the stored address, and the suppression hash
 * of an address is the same whichever spelling of its domain was typed.
 * {@link #toUnicode} gives the form to show a person.
 */
public final class EmailAddresses {

	// UTS #46 non-transitional processing is IDNA2008 plus the mapping browsers use
	// (case folding, NFC, full-width dots).
	private static final IDNA IDNA2008 = IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII
			| IDNA.NONTRANSITIONAL_TO_UNICODE | IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ | IDNA.USE_STD3_RULES);

	private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";

	private EmailAddresses() {
	}

	/** An address that is not acceptable; the message says why, for a person. */
	public static final class InvalidEmailAddress extends IllegalArgumentException {

		InvalidEmailAddress(String message) {
			super(message);
		}

	}

	/** Whether {@code value} (surrounding spaces aside) is an acceptable address. */
	public static boolean isValid(String value) {
		try {
			normalize(value);
			return true;
		}
		catch (InvalidEmailAddress ex) {
			return false;
		}
	}

	/**
	 * The normal form of an address (see the class comment): local part as given, domain
	 * as a lower-case A-label.
	 * @throws InvalidEmailAddress saying what is wrong
	 */
	public static String normalize(String value) {
		String address = value == null ? "" : Normalizer.normalize(value.strip(), Normalizer.Form.NFC);
		int at = address.lastIndexOf('@');
		if (address.isEmpty() || at < 0) {
			throw new InvalidEmailAddress("An email address needs an @ and a domain.");
		}
		String local = address.substring(0, at);
		checkLocalPart(local);
		String domain = asciiDomain(address.substring(at + 1));
		String normal = local + "@" + domain;
		if (normal.getBytes(StandardCharsets.UTF_8).length > 254) {
			throw new InvalidEmailAddress("An email address is at most 254 characters long.");
		}
		return normal;
	}

	/**
	 * A domain (no local part) in its lower-case A-label form, for domain suppressions
	 * and look-ups.
	 * @throws InvalidEmailAddress when it is not a host name of two or more labels
	 */
	public static String asciiDomain(String value) {
		String domain = value == null ? "" : value.strip();
		if (domain.endsWith(".")) {
			// RFC 1034 §3.1: the root label; an address names the domain without it.
			domain = domain.substring(0, domain.length() - 1);
		}
		if (domain.isEmpty() || domain.startsWith("[")) {
			throw new InvalidEmailAddress("An email address needs a domain name after the @.");
		}
		IDNA.Info info = new IDNA.Info();
		StringBuilder ascii = new StringBuilder();
		IDNA2008.nameToASCII(domain, ascii, info);
		String result = ascii.toString().toLowerCase(Locale.ROOT);
		// ICU's length checks aside, a label may be empty only as a trailing root.
		if (info.hasErrors() || result.isEmpty() || result.length() > 253 || result.contains("..")) {
			throw new InvalidEmailAddress("Not a valid domain name: " + shorten(domain));
		}
		String[] labels = result.split("\\.");
		if (labels.length < 2 || labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
			throw new InvalidEmailAddress("The domain needs a dot and a top-level name: " + shorten(domain));
		}
		return result;
	}

	/**
	 * The address to show a person: the domain's U-labels ({@code lena@müller.example}).
	 * An address that is not valid is returned as given.
	 */
	public static String toUnicode(String address) {
		if (address == null) {
			return null;
		}
		int at = address.lastIndexOf('@');
		if (at < 0) {
			return address;
		}
		IDNA.Info info = new IDNA.Info();
		StringBuilder unicode = new StringBuilder();
		IDNA2008.nameToUnicode(address.substring(at + 1), unicode, info);
		return info.hasErrors() ? address : address.substring(0, at + 1) + unicode;
	}

	/**
	 * The domain of an address in normal form (lower-case A-label), for MX look-ups,
	 * Message-IDs and domain suppressions.
	 * @throws InvalidEmailAddress when the address is not valid
	 */
	public static String domainOf(String address) {
		String normal = normalize(address);
		return normal.substring(normal.lastIndexOf('@') + 1);
	}

	/**
	 * The domain part of an address as written, stripped and lower case, without checking
	 * the address (RFC 5322 §3.4.1: what follows the last {@code @}): the key by which
	 * the scheduler, the dispatcher and reputation's sending paths name a recipient
	 * domain, so all three agree. Use {@link #domainOf} where the address must be valid.
	 */
	public static String domainPart(String address) {
		return address.substring(address.lastIndexOf('@') + 1).strip().toLowerCase(java.util.Locale.ROOT);
	}

	/**
	 * Whether the address needs an SMTPUTF8 server (RFC 6531 §3.4): its local part is not
	 * ASCII. The domain never needs one, as it is sent as an A-label.
	 */
	public static boolean needsSmtpUtf8(String address) {
		int at = address.lastIndexOf('@');
		return address.substring(0, Math.max(0, at)).chars().anyMatch(c -> c > 127);
	}

	private static void checkLocalPart(String local) {
		if (local.isEmpty()) {
			throw new InvalidEmailAddress("An email address needs a name before the @.");
		}
		if (local.getBytes(StandardCharsets.UTF_8).length > 64) {
			throw new InvalidEmailAddress("The part before the @ is at most 64 characters long.");
		}
		if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
			throw new InvalidEmailAddress("The part before the @ cannot start or end with a dot or have two in a row.");
		}
		for (int i = 0; i < local.length(); i++) {
			char c = local.charAt(i);
			boolean atext = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
					|| ATEXT_SPECIALS.indexOf(c) >= 0
					// RFC 6531 §3.3: UTF8-non-ascii, but no control or space characters.
					|| (c > 127 && !Character.isISOControl(c) && !Character.isWhitespace(c)
							&& !Character.isSpaceChar(c));
			if (!atext) {
				throw new InvalidEmailAddress("The part before the @ cannot contain \"" + printable(c) + "\".");
			}
		}
	}

	private static String printable(char c) {
		return Character.isISOControl(c) || Character.isWhitespace(c) ? String.format("U+%04X", (int) c)
				: String.valueOf(c);
	}

	private static String shorten(String value) {
		return value.length() > 80 ? value.substring(0, 80) + "…" : value;
	}

}
