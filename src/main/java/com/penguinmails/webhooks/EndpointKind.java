package com.penguinmails.webhooks;

import com.fasterxml.jackson.annotation.JsonValue;

import com.penguinmails.shared.StoredValue;

/**
 * What made an endpoint: a person on the page or the endpoints API ({@code endpoint}), or
 * a Zapier-style REST hook subscription ({@code rest_hook}, one event type, removed by
 * its unsubscribe call).
 */
public enum EndpointKind implements StoredValue {

	ENDPOINT("endpoint", "Endpoint"), REST_HOOK("rest_hook", "REST hook");

	private final String value;

	private final String label;

	EndpointKind(String value, String label) {
		this.value = value;
		this.label = label;
	}

	@Override
	@JsonValue
	public String value() {
		return value;
	}

	/** The words pages show. */
	public String label() {
		return label;
	}

}
