package com.penguinmails.inbound;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What an inbound message is, once classified and matched: stored as the lowercase
 * {@link #value()} (the inbox's {@code kind}).
 */
public enum MessageKind {

	/** A person answered one of our messages (or an inbox reply). */
	REPLY("reply"),
	/** An automatic reply: out of office, vacation (RFC 3834). */
	AUTO_REPLY("auto_reply"),
	/** A delivery status notification or a mail system's notice (RFC 3464). */
	BOUNCE("bounce"),
	/** A spam complaint (ARF, RFC 5965, or a provider's own format). */
	COMPLAINT("complaint"),
	/**
	 * A request to stop: RFC 2369 mailto, an opt-out report, Apple Mail's unsubscribe.
	 */
	UNSUBSCRIBE("unsubscribe"),
	/**
	 * A DMARC aggregate report (RFC 7489 §7.2, RFC 9990): read by reputation, never a
	 * reply or a bounce, and not unread in the inbox.
	 */
	DMARC_REPORT("dmarc_report"),
	/** Anything else that arrived in a read mailbox. */
	OTHER("other");

	private final String value;

	MessageKind(String value) {
		this.value = value;
	}

	/** The stored form, e.g. {@code auto_reply}. */
	@JsonValue
	public String value() {
		return value;
	}

	/** Whether it arrives unread in the inbox (replies, auto-replies and other mail). */
	public boolean unread() {
		return this == REPLY || this == AUTO_REPLY || this == OTHER;
	}

	@Override
	public String toString() {
		return value;
	}

}
