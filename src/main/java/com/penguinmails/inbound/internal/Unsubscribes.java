package com.penguinmails.inbound.internal;

import java.util.regex.Pattern;

/**
 * Requests to stop mailing: our List-Unsubscribe header's mailto (RFC 2369 §3.2) arrives
 * as a message whose subject is "unsubscribe"; people also reply with just the word.
 */
final class Unsubscribes {

	private static final Pattern REPLY_PREFIXES = Pattern
		.compile("(?i)^(\\s*(re|fwd?|aw|wg|sv|vs|tr)\\s*(\\[\\d+\\])?\\s*:)+");

	private static final Pattern SUBJECT = Pattern.compile("(?i)\\s*unsubscribe\\b.*");

	private static final Pattern BODY = Pattern.compile(
			"(?i)\\s*(please\\s+)?(unsubscribe( me)?|remove me( from (your|this|the) (mailing )?list)?|stop)[\\s.!]*");

	private Unsubscribes() {
	}

	static boolean requested(MessageParts parts) {
		String subject = parts.header("Subject");
		if (subject != null && SUBJECT.matcher(REPLY_PREFIXES.matcher(subject).replaceFirst("")).matches()) {
			return true;
		}
		return BODY.matcher(parts.ownText()).matches();
	}

}
