package com.penguinmails.warmup;

import com.fasterxml.jackson.annotation.JsonValue;

import com.penguinmails.shared.StoredValue;

/**
 * Where the receiving mailbox found a warmup (or placement-test) message. Stored and
 * shown in the API as the lowercase {@link #value()}.
 */
public enum Placement implements StoredValue {

	/** Sent; not looked for yet. */
	PENDING("pending", "Not checked yet"),
	/** Found in the inbox. */
	INBOX("inbox", "Inbox"),
	/** Found in the spam (junk) folder. */
	SPAM("spam", "Spam"),
	/** Found in another folder (Promotions, Updates, Other...). */
	OTHER("other", "Other folder"),
	/** Not found anywhere within the time allowed. */
	MISSING("missing", "Missing");

	private final String value;

	private final String label;

	Placement(String value, String label) {
		this.value = value;
		this.label = label;
	}

	@Override
	@JsonValue
	public String value() {
		return value;
	}

	/** What people read. */
	public String label() {
		return label;
	}

}
