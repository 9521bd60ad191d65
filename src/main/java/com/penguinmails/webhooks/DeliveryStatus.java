package com.penguinmails.webhooks;

import com.fasterxml.jackson.annotation.JsonValue;

import com.penguinmails.shared.StoredValue;

/**
 * Where a delivery of an event to an endpoint stands, as stored in
 * {@code webhook_deliveries.status} and returned by the API (the lowercase
 * {@link #value()}).
 */
public enum DeliveryStatus implements StoredValue {

	/** Waiting for its next attempt (the first, or a retry on the schedule). */
	PENDING("pending", "Pending"),

	/** The endpoint answered 2xx. */
	DELIVERED("delivered", "Delivered"),

	/** The endpoint's filter did not let the event through: nothing was sent. */
	FILTERED("filtered", "Filtered out"),

	/** Out of retries, answered 410 Gone, or the endpoint was disabled. */
	FAILED("failed", "Failed");

	private final String value;

	private final String label;

	DeliveryStatus(String value, String label) {
		this.value = value;
		this.label = label;
	}

	/** The stored and API form: {@code pending}, {@code delivered}, ... */
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
	public static DeliveryStatus of(String value) {
		return StoredValue.of(DeliveryStatus.class, value);
	}

}
