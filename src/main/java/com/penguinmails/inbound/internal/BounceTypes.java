package com.penguinmails.inbound.internal;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kind of a bounce from its enhanced status code (RFC 3463) and the server's words:
 * hard (the address or its domain does not exist), soft (try again later, the mailbox is
 * full), block (refused as spam or by policy) or unknown.
 */
final class BounceTypes {

	static final String HARD = "hard";

	static final String SOFT = "soft";

	static final String BLOCK = "block";

	static final String UNKNOWN = "unknown";

	// RFC 3463 §2: class.subject.detail, not inside an IP address or a version number.
	private static final Pattern ENHANCED_CODE = Pattern
		.compile("(?<![\\w.])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?!\\.?\\d)");

	// RFC 5321 §4.2: a three-digit reply code, e.g. "550 " or "550-" or Yahoo's "554:".
	private static final Pattern REPLY_CODE = Pattern.compile("(?<![\\w.])([245])\\d\\d(?=[ :-])");

	// RFC 3463 §3.2: X.1.0 other address status, X.1.1 bad destination mailbox, X.1.2 bad
	// destination system, X.1.3 bad mailbox syntax, X.1.6 mailbox moved; 5.1.10 is
	// Microsoft's "recipient not found" (RFC 7505's null MX reply is 5.1.10 too).
	private static final Set<String> HARD_CODES = Set.of("5.1.0", "5.1.1", "5.1.2", "5.1.3", "5.1.6", "5.1.10");

	private static final Pattern HARD_WORDS = Pattern
		.compile("user unknown|unknown user|unknown recipient|no such (user|mailbox|recipient)"
				+ "|(does not|doesn't|did not) exist|recipient ?not ?found|address not found|mailbox not found|invalid (recipient|mailbox)"
				+ "|unrouteable address|(does not|doesn't) have an? [\\w.-]+ account|account (that you tried to reach )?(is|has been) disabled"
				+ "|host or domain name not found|domain not found|no mailbox here");

	private static final Pattern SOFT_WORDS = Pattern.compile(
			"mailbox (is )?full|over quota|quota exceeded|exceeded (the |its )?(storage|quota)|insufficient storage|out of storage");

	private static final Pattern BLOCK_WORDS = Pattern
		.compile("\\b(spam|blocked|block ?list(ed)?|black ?list(ed)?|listed"
				+ "|policy|reputation|rejected due to|message refused|unsolicited|spamhaus)\\b");

	private BounceTypes() {
	}

	/** The first enhanced status code in a text, or {@code null}. */
	static String code(String text) {
		if (text == null) {
			return null;
		}
		Matcher matcher = ENHANCED_CODE.matcher(text);
		return matcher.find() ? matcher.group() : null;
	}

	/**
	 * The more specific of a reported status and the code in the diagnostic: a Status of
	 * {@code 5.0.0} says less than a Diagnostic-Code of {@code 550 5.1.1}. The status's
	 * class (permanent or transient) is kept.
	 */
	static String mostSpecific(String status, String diagnostic) {
		String reported = code(status);
		String diagnosed = code(diagnostic);
		if (reported == null || diagnosed == null) {
			return (reported != null) ? reported : diagnosed;
		}
		String[] r = reported.split("\\.");
		String[] d = diagnosed.split("\\.");
		if (!r[0].equals(d[0])) {
			return reported;
		}
		boolean vaguer = r[1].equals("0") || (r[1].equals(d[1]) && r[2].equals("0") && !d[2].equals("0"));
		return vaguer ? diagnosed : reported;
	}

	/**
	 * The type of a bounce from its action, its most specific code and the server's
	 * words.
	 */
	static String of(String action, String code, String diagnostic) {
		String words = (diagnostic != null) ? diagnostic.toLowerCase(Locale.ROOT) : "";
		// RFC 3464 §2.3.3: "delayed" means the server is still trying; RFC 3463 §2:
		// class 4 is a persistent transient failure.
		if ("delayed".equals(action) || (code != null && code.startsWith("4."))) {
			return SOFT;
		}
		if (code != null) {
			if (HARD_CODES.contains(code)) {
				return HARD;
			}
			// RFC 3463 §3.3: X.2.2 mailbox full.
			if (code.equals("5.2.2")) {
				return SOFT;
			}
			// RFC 3463 §3.8: X.7.X security or policy status.
			if (code.startsWith("5.7.")) {
				return BLOCK;
			}
		}
		else if (replyClass(words) == '4') {
			return SOFT;
		}
		if (HARD_WORDS.matcher(words).find()) {
			return HARD;
		}
		if (SOFT_WORDS.matcher(words).find()) {
			return SOFT;
		}
		// Here too a 5.4.X "message refused" from a spam filter.
		if (BLOCK_WORDS.matcher(words).find()) {
			return BLOCK;
		}
		return UNKNOWN;
	}

	private static char replyClass(String text) {
		Matcher matcher = REPLY_CODE.matcher(text);
		return matcher.find() ? matcher.group(1).charAt(0) : ' ';
	}

}
