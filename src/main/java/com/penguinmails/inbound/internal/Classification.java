package com.penguinmails.inbound.internal;

import java.util.List;

/**
 * What an inbound message is, from its content alone (no database).
 *
 * <p>
 * {@code bounces} is filled for a {@link Kind#BOUNCE} only, {@code complaint} for a
 * {@link Kind#COMPLAINT} only, {@code original} for either of those when the report says
 * anything about the message we sent (else {@code null}), and {@code autoReplyReason} for
 * an {@link Kind#AUTO_REPLY} only. {@code problems} lists what was wrong with the message
 * (an unreadable part, an unknown charset, a truncated multipart); it is empty when the
 * message was read whole, and a message with problems still gets the best classification
 * its readable parts allow.
 *
 * @param kind what the message is
 * @param bounces the recipients that bounced, in the report's order; never {@code null}
 * @param complaint the feedback report, or {@code null}
 * @param original the message we sent, as far as the report tells, or {@code null}
 * @param autoReplyReason which rule made it an auto-reply, e.g.
 * {@code "Auto-Submitted: auto-replied"}, or {@code null}
 * @param problems what could not be read; never {@code null}
 */
public record Classification(Kind kind, List<BouncedRecipient> bounces, Complaint complaint, Original original,
		String autoReplyReason, List<String> problems) {

	public Classification {
		bounces = (bounces != null) ? List.copyOf(bounces) : List.of();
		problems = (problems != null) ? List.copyOf(problems) : List.of();
	}

	public enum Kind {

		/** A delivery failure or delay report (RFC 3464, or a provider's own text). */
		BOUNCE,
		/** A feedback report (ARF, RFC 5965): someone marked our message as spam. */
		COMPLAINT,
		/** An automatic response (RFC 3834) such as an out-of-office notice. */
		AUTO_REPLY,
		/**
		 * A request to stop mailing, from our List-Unsubscribe mailto (RFC 2369) or in
		 * words.
		 */
		UNSUBSCRIBE,
		/**
		 * Anything else: a person's reply, unrelated mail, or a report of success only.
		 */
		MESSAGE

	}

}
