package com.penguinmails.dashboard.internal;

import com.penguinmails.shared.StoredValue;

/**
 * A daily figure of {@code dashboard_daily}: {@link #value()} is its column.
 */
public enum Figure implements StoredValue {

	/** A campaign message accepted by the receiving server (delivery's MessageSent). */
	SENT("sent"),
	/** A campaign message the dispatcher gave up on without a hard bounce. */
	FAILED("failed"),
	/** A person's reply (not an automatic one). */
	REPLIED("replied"),
	/** A conversation labelled interested or meeting booked (taken back when cleared). */
	POSITIVE("positive"),
	/** A bounce read back, or a hard refusal at send time. */
	BOUNCED("bounced"),
	/** A spam complaint (RFC 5965 feedback report). */
	COMPLAINED("complained"),
	/** An unsubscribe, by link, one-click POST or mail. */
	UNSUBSCRIBED("unsubscribed");

	private final String value;

	Figure(String value) {
		this.value = value;
	}

	@Override
	public String value() {
		return value;
	}

}
