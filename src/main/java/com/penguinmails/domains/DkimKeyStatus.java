package com.penguinmails.domains;

import com.fasterxml.jackson.annotation.JsonValue;

import com.penguinmails.shared.StoredValue;

/**
 * The life of a DKIM key through a rotation. Stored in {@code dkim_keys.status} and
 * returned by the API as {@link #value()} (lower case).
 */
public enum DkimKeyStatus implements StoredValue {

	/** Signs mail; its record is published under its selector. */
	ACTIVE("active", "Active"),
	/** Rotation: published beside the active key, waiting for its record to verify. */
	PENDING("pending", "Pending"),
	/**
	 * Replaced; its record stays published until {@code retireAfter}, for mail in flight.
	 */
	RETIRING("retiring", "Retiring"),
	/** Gone from DNS; kept for the history only. */
	RETIRED("retired", "Retired");

	private final String value;

	private final String label;

	DkimKeyStatus(String value, String label) {
		this.value = value;
		this.label = label;
	}

	/** The stored and API form. */
	@JsonValue
	@Override
	public String value() {
		return value;
	}

	/** The stored form, so that text built from a status reads as before. */
	@Override
	public String toString() {
		return value;
	}

	/** Words a person reads, for pages. */
	public String label() {
		return label;
	}

	/**
	 * The status stored as {@code value}.
	 * @throws IllegalArgumentException for any other string
	 */
	public static DkimKeyStatus of(String value) {
		return StoredValue.of(DkimKeyStatus.class, value);
	}

}
