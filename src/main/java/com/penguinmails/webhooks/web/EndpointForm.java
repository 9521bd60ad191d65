package com.penguinmails.webhooks.web;

import java.util.List;

import com.penguinmails.webhooks.EndpointRequest;
import com.penguinmails.webhooks.WebhookEndpoint;

/**
 * The endpoint form's fields; {@code eventTypes} holds {@code "*"} when "All events" is
 * ticked.
 */
public record EndpointForm(String url, String description, List<String> eventTypes, String filter, String transform,
		Boolean signEd25519) {

	public EndpointForm {
		eventTypes = eventTypes == null ? List.of() : List.copyOf(eventTypes);
		signEd25519 = Boolean.TRUE.equals(signEd25519);
	}

	static EndpointForm empty() {
		return new EndpointForm("", "", List.of(), "", "", false);
	}

	static EndpointForm of(WebhookEndpoint endpoint) {
		return new EndpointForm(endpoint.url(), endpoint.description(), endpoint.eventTypes(), endpoint.filter(),
				endpoint.transform(), endpoint.signEd25519());
	}

	EndpointRequest request() {
		return new EndpointRequest(url, description == null ? "" : description, eventTypes,
				filter == null ? "" : filter, transform == null ? "" : transform, signEd25519);
	}

	/** Whether the type is ticked. */
	public boolean has(String type) {
		return eventTypes.contains(type);
	}

}
