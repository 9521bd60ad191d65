package com.penguinmails.mailboxes;

import com.fasterxml.jackson.annotation.JsonValue;

import com.penguinmails.shared.StoredValue;

/**
 * Whether a mailbox sends. Stored in {@code mailboxes.status} and returned by the API as
 * {@link #value()} (lower case); the campaign scheduler reads the same strings in SQL.
 */
public enum MailboxStatus implements StoredValue {

	/** Sends, within its cap and pace. */
	ACTIVE("active", "Active"),
	/** Paused by a person (or by inbound on complaints); sends nothing until resumed. */
	PAUSED("paused", "Paused"),
	/**
	 * A connection or login failed ({@code lastError} says how); sends nothing until a
	 * connection test passes.
	 */
	ERROR("error", "Error");

	private final String value;

	private final String label;

	MailboxStatus(String value, String label) {
		this.value = value;
		this.label = label;
	}

	/** The stored and API form: {@code active}, {@code paused} or {@code error}. */
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
	public static MailboxStatus of(String value) {
		return StoredValue.of(MailboxStatus.class, value);
	}

}
