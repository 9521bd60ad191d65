package com.penguinmails.mailboxes;

import com.fasterxml.jackson.annotation.JsonValue;

import com.penguinmails.shared.StoredValue;

/**
 * A sending provider's health, from its periodic check (its cheapest authenticated API
 * call) and from sends: stored in {@code sending_providers.health}, written in JSON as
 * {@link #value()}. A failing provider is skipped by routes while it fails.
 */
public enum ProviderHealth implements StoredValue {

	/** Not checked yet: used. */
	UNKNOWN("unknown", "Not checked yet"),
	/** The last check passed. */
	HEALTHY("healthy", "Healthy"),
	/** The last check or a send failed: skipped until a check passes. */
	FAILING("failing", "Failing");

	private final String value;

	private final String label;

	ProviderHealth(String value, String label) {
		this.value = value;
		this.label = label;
	}

	@JsonValue
	@Override
	public String value() {
		return value;
	}

	/** Words a person reads, for pages. */
	public String label() {
		return label;
	}

	/** The health of a stored value; anything unknown is {@link #UNKNOWN}. */
	public static ProviderHealth of(String value) {
		for (ProviderHealth health : values()) {
			if (health.value.equals(value)) {
				return health;
			}
		}
		return UNKNOWN;
	}

}
