package com.penguinmails.analytics.internal;

import com.penguinmails.shared.StoredValue;

/**
 * What happened after a campaign's message was sent, as {@code analytics_events} keeps it
 * (its {@code kind} column holds {@link #value()}).
 */
public enum EventKind implements StoredValue {

	/** A person replied. */
	REPLIED("replied"),
	/** An automatic reply (RFC 3834). */
	AUTO_REPLIED("auto_replied"),
	/** A bounce that suppresses the address. */
	BOUNCED_HARD("bounced_hard"),
	/** A bounce worth retrying. */
	BOUNCED_SOFT("bounced_soft"),
	/** A refusal of the sender itself. */
	BOUNCED_BLOCK("bounced_block"),
	/** A bounce that does not say why. */
	BOUNCED_OTHER("bounced_other"),
	/** A spam complaint. */
	COMPLAINED("complained"),
	/** An unsubscribe, by link, one-click POST or mail. */
	UNSUBSCRIBED("unsubscribed");

	private final String value;

	EventKind(String value) {
		this.value = value;
	}

	@Override
	public String value() {
		return value;
	}

	/**
	 * The kind of a bounce of {@code type} ({@code hard}, {@code soft}, {@code block},
	 * other).
	 */
	static EventKind bounce(String type) {
		return switch (type) {
			case "hard" -> BOUNCED_HARD;
			case "soft" -> BOUNCED_SOFT;
			case "block" -> BOUNCED_BLOCK;
			default -> BOUNCED_OTHER;
		};
	}

}
