package com.penguinmails.inbound.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of a bounce cut in two: what the mail system says about the failure, and the
 * copy of the original message (or its headers) that most systems quote after it.
 *
 * @param report the mail system's own words
 * @param quoted the quoted original, or {@code ""} when there is none
 */
record BounceText(String report, String quoted) {

	// Postfix, Exim, qmail, Sendmail, Exchange and Gmail markers, or else the first line
	// that looks like a header of the original.
	private static final Pattern QUOTE_START = Pattern
		.compile("(?im)^[ \\t]*(-{2,}[ \\t]*(original message|this is a copy of the message"
				+ "|below this line is a copy of the message|message headers? follow|undelivered message headers? follow)"
				+ "|original message headers:"
				+ "|(return-path|received|dkim-signature|mime-version|message-id|x-penguinmails-id):)");

	static BounceText of(String text) {
		Matcher matcher = QUOTE_START.matcher(text);
		if (!matcher.find()) {
			return new BounceText(text, "");
		}
		return new BounceText(text.substring(0, matcher.start()), text.substring(matcher.start()));
	}

}
