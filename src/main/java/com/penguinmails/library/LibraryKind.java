package com.penguinmails.library;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.penguinmails.shared.StoredValue;

/** What a library entry is: one message, or a sequence of steps. */
public enum LibraryKind implements StoredValue {

	/** One message (subject and body). */
	TEMPLATE("template", "Template"),
	/** Several messages sent one after the other, with delays. */
	SEQUENCE("sequence", "Sequence");

	private final String value;

	private final String label;

	LibraryKind(String value, String label) {
		this.value = value;
		this.label = label;
	}

	/** The stored, API and URL form: {@code template} or {@code sequence}. */
	@JsonValue
	@Override
	public String value() {
		return value;
	}

	/** The word a person reads. */
	public String label() {
		return label;
	}

	/**
	 * The kind named {@code value}. @throws IllegalArgumentException for another value
	 */
	@JsonCreator
	public static LibraryKind of(String value) {
		return StoredValue.of(LibraryKind.class, value);
	}

	@Override
	public String toString() {
		return value;
	}

}
