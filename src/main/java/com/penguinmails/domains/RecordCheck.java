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

}
