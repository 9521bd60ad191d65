package com.penguinmails.library;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.penguinmails.shared.StoredValue;

/** How a library message is written: plain text (most cold email) or HTML. */
public enum MessageFormat implements StoredValue {

	/** Plain text only; sent without an HTML part. */
	TEXT("text", "Plain text"),
	/** HTML, with a text alternative. */
	HTML("html", "HTML");

	private final String value;

	private final String label;

	MessageFormat(String value, String label) {
		this.value = value;
		this.label = label;
	}

	/** The stored and API form: {@code text} or {@code html}. */
	@JsonValue
	@Override
	public String value() {
		return value;
	}

	/** The words a person reads. */
	public String label() {
		return label;
	}

	/**
	 * The format named {@code value}. @throws IllegalArgumentException for another value
	 */
	@JsonCreator
	public static MessageFormat of(String value) {
		return StoredValue.of(MessageFormat.class, value);
	}

	@Override
	public String toString() {
		return value;
	}

}
