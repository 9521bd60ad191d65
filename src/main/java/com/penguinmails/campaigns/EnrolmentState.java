package com.penguinmails.campaigns;

import com.fasterxml.jackson.annotation.JsonValue;

import com.penguinmails.shared.StoredValue;

/**
 * Where one contact is in one campaign's sequence. Stored as the lowercase
 * {@link #value()}.
 */
public enum EnrolmentState implements StoredValue {

	/** Still to receive a step (now or later). */
	ACTIVE("active"),
	/** Received every step. */
	COMPLETED("completed"),
	/** Left the sequence early; the enrolment keeps why ({@code stop_reason}). */
	STOPPED("stopped");

	private final String value;

	EnrolmentState(String value) {
		this.value = value;
	}

	/** The stored form, e.g. {@code active}. */
	@JsonValue
	@Override
	public String value() {
		return value;
	}

	/**
	 * The state stored as {@code value}.
	 * @throws IllegalArgumentException for an unknown value
	 */
	public static EnrolmentState of(String value) {
		return StoredValue.of(EnrolmentState.class, value);
	}

	@Override
	public String toString() {
		return value;
	}

}
