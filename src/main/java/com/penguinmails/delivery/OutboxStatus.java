package com.penguinmails.delivery;

import com.fasterxml.jackson.annotation.JsonValue;

import com.penguinmails.shared.StoredValue;

/**
 * Where a message of the outbox stands, as stored in {@code outbox.status} and returned
 * by the API (the lowercase {@link #value()}).
 */
public enum OutboxStatus implements StoredValue {

	/** Waiting for its time ({@code not_before}) and a dispatcher. */
	QUEUED("queued", "Queued"),

	/** Claimed by a dispatcher, under a lease. */
	SENDING("sending", "Sending"),

	/** Accepted by the recipient's server (2xx). */
	SENT("sent", "Sent"),

	/** Refused for now (4xx): tried again later with backoff. */
	DEFERRED("deferred", "Deferred"),

	/** Refused for good (5xx), or out of retries. */
	FAILED("failed", "Failed"),

	/** Held while its mailbox is in error; queued again once it works. */
	HELD("held", "Held"),

	/** Never handed to a server: suppressed, its mailbox removed, or stopped. */
	CANCELLED("cancelled", "Cancelled");

	private final String value;

	private final String label;

	OutboxStatus(String value, String label) {
		this.value = value;
		this.label = label;
	}

	/** The stored and API form: {@code queued}, {@code sent}, ... */
	@JsonValue
	@Override
	public String value() {
		return value;
	}

	/** Words a person reads on a page. */
	public String label() {
		return label;
	}

	/**
	 * The status stored as {@code value}.
	 * @throws IllegalArgumentException for a value that is none of these
	 */
	public static OutboxStatus of(String value) {
		return StoredValue.of(OutboxStatus.class, value);
	}

}
