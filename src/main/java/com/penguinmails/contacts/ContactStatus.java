package com.penguinmails.contacts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import com.penguinmails.shared.StoredValue;

/**
 * Whether a contact may be mailed, and if not why: the values of {@code contacts.status}
 * (V14's CHECK) and of the API's {@code status}. Any status but {@link #ACTIVE} also
 * suppresses the address when it is set.
 */
public enum ContactStatus implements StoredValue {

	/** May be mailed (unless its address or domain is suppressed). */
	ACTIVE("active", "Active", null),

	/** Asked to hear no more (RFC 8058 one-click, RFC 2369 mailto, or by hand). */
	UNSUBSCRIBED("unsubscribed", "Unsubscribed", "unsubscribed"),

	/** The address bounced for good. */
	BOUNCED("bounced", "Bounced", "hard_bounce"),

	/** The recipient reported a message as spam (a feedback loop report). */
	COMPLAINED("complained", "Complained", "complaint");

	private final String value;

	private final String label;

	private final String suppressionReason;

	ContactStatus(String value, String label, String suppressionReason) {
		this.value = value;
		this.label = label;
		this.suppressionReason = suppressionReason;
	}

	/** The lower-case word stored in the database and used by the API. */
	@JsonValue
	@Override
	public String value() {
		return value;
	}

	/** The status in words a person reads, for pages. */
	public String label() {
		return label;
	}

	/**
	 * The {@link Suppressions#REASONS reason} under which setting this status suppresses
	 * the address, or {@code null} ({@link #ACTIVE}).
	 */
	String suppressionReason() {
		return suppressionReason;
	}

	/**
	 * The status stored or sent as {@code value} (any case, surrounding spaces ignored).
	 * @throws IllegalArgumentException when it is none of them
	 */
	@JsonCreator
	public static ContactStatus of(String value) {
		return StoredValue.of(ContactStatus.class, value);
	}

	@Override
	public String toString() {
		return value;
	}

}
