package com.penguinmails.contacts;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a contact import job is: the values of {@code contact_imports.status} (V14's
 * CHECK) and of the API's {@code status}.
 */
public enum ImportStatus {

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
		String wanted = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
		for (ImportStatus status : values()) {
			if (status.value.equals(wanted)) {
				return status;
			}
		}
		throw new IllegalArgumentException("Unknown import status: " + value);
	}

	@Override
	public String toString() {
		return value;
	}

}
