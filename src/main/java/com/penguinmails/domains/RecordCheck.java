package com.penguinmails.domains;

import java.util.List;

/**
 * One DNS record PenguinMails expects, and what DNS says about it.
 *
 * @param purpose spf, dkim, dmarc, mx, tracking or ownership
 * @param type the record type (TXT, MX, CNAME)
 * @param host the fully qualified name to publish it at
 * @param expected the value to publish
 * @param status ok, missing, wrong, unknown (DNS did not answer: retrying), or pending
 * (not checked)
 * @param observed what DNS returned at that name
 * @param hints what is probably wrong and how to fix it
 */
public record RecordCheck(String purpose, String type, String host, String expected, String status,
		List<String> observed, List<String> hints) {

	public boolean ok() {
		return "ok".equals(status);
	}

	/** The status in words for a page: "published", "not found", "wrong value"... */
	public String statusLabel() {
		return switch (status) {
			case "ok" -> "published";
			case "missing" -> "not found";
			case "wrong" -> "wrong value";
			case "unknown" -> "DNS did not answer (retrying)";
			default -> "not checked yet";
		};
	}

	/** The purpose as people name it: SPF, DKIM, DMARC, MX, Tracking, Ownership. */
	public String purposeLabel() {
		return purposeLabel(purpose);
	}

	/**
	 * A record purpose (spf, dkim, dmarc, mx, tracking, ownership) as people name it.
	 * @param purpose the purpose as stored
	 * @return its name for a page
	 */
	public static String purposeLabel(String purpose) {
		return switch (purpose) {
			case "spf", "dkim", "dmarc", "mx" -> purpose.toUpperCase(java.util.Locale.ROOT);
			default -> purpose.isEmpty() ? purpose : Character.toUpperCase(purpose.charAt(0)) + purpose.substring(1);
		};
	}

}
