package com.penguinmails.mailboxes;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an SMTP server answered to one message: its reply code and text (for example
 * {@code 250 2.0.0 Ok: queued as 4Bx1}).
 *
 * @param code the three-digit reply code (RFC 5321 §4.2)
 * @param text the whole reply as the server sent it, code included
 */
public record SmtpReply(int code, String text) {

	// RFC 3463 §2: class.subject.detail, where subject and detail have up to 3 digits.
	private static final Pattern ENHANCED = Pattern.compile("(?:^|\\s|-)([245]\\.\\d{1,3}\\.\\d{1,3})(?=\\s|$)");

	/** 2xx: the server took responsibility for the message. */
	public boolean accepted() {
		return code >= 200 && code < 300;
	}

	/** 4xx: a transient failure, worth trying again later. */
	public boolean transientFailure() {
		return code >= 400 && code < 500;
	}

	/** 5xx: a permanent failure. */
	public boolean permanentFailure() {
		return code >= 500 && code < 600;
	}

	/** The RFC 3463 enhanced status code of the reply (like {@code 5.1.1}), if any. */
	public Optional<String> enhancedStatus() {
		Matcher matcher = ENHANCED.matcher(text == null ? "" : text);
		return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
	}

}
