package com.penguinmails.campaigns;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import com.penguinmails.shared.StoredValue;

/**
 * How a step's message is sent. {@link #TEXT}, the default, is a single
 * {@code text/plain} part (RFC 2046 §4.1): no HTML part, so no open pixel, and links stay
 * as written (no click redirect). {@link #HTML} is {@code multipart/alternative} with the
 * HTML and its text alternative, tracked as the campaign asks.
 */
public enum StepFormat implements StoredValue {

	TEXT("text", "Plain text"), HTML("html", "HTML");

	private final String value;

	private final String label;

	StepFormat(String value, String label) {
		this.value = value;
		this.label = label;
	}

	/** The stored and API form: {@code text} or {@code html}. */
	@JsonValue
	@Override
	public String value() {
		return value;
	}

	/** The words a person reads: "Plain text" or "HTML". */
	public String label() {
		return label;
	}

	/**
	 * The format stored as {@code value}.
	 * @throws IllegalArgumentException for another value
	 */
	@JsonCreator
	public static StepFormat of(String value) {
		return StoredValue.of(StepFormat.class, value);
	}

	@Override
	public String toString() {
		return value;
	}

}
