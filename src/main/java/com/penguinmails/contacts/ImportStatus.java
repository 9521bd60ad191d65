package com.penguinmails.contacts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import com.penguinmails.shared.StoredValue;

/**
 * Where a contact import job is: the values of {@code contact_imports.status} (V14's
 * CHECK) and of the API's {@code status}.
 */
public enum ImportStatus implements StoredValue {

	/** The file is being read and merged; progress is updated after each batch. */
	RUNNING("running", "Running"),

	/** The whole file was read (bad rows are counted in {@code failed}). */
	DONE("done", "Done"),

	/** The import stopped; the job's {@code message} says why. */
	FAILED("failed", "Failed");

	private final String value;

	private final String label;

	ImportStatus(String value, String label) {
		this.value = value;
		this.label = label;
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
	 * The status stored or sent as {@code value} (any case).
	 * @throws IllegalArgumentException when it is none of them
	 */
	@JsonCreator
	public static ImportStatus of(String value) {
		return StoredValue.of(ImportStatus.class, value);
	}

	@Override
	public String toString() {
		return value;
	}

}
