package com.penguinmails.webhooks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;
import com.penguinmails.webhooks.internal.endpoints.EndpointRepository;
import com.penguinmails.webhooks.internal.endpoints.EndpointRepository.Fields;

/**
 * Zapier-style REST hooks (the REST Hooks pattern, https://resthooks.org): an integration
 * subscribes a target URL to one event type and gets an endpoint of kind
 * {@code rest_hook} (signed like any endpoint, its secret returned once), unsubscribes by
 * deleting it, and reads sample payloads of a type to set up its trigger. Same roles and
 * scopes as {@link WebhookEndpoints}.
 */
@Service
public class RestHooks {

	/** How many recent real events {@link #samples} gives at most. */
	public static final int SAMPLES = 3;

	/**
	 * A subscription.
	 *
	 * @param id the endpoint's id: what the unsubscribe call names
	 * @param targetUrl where events are POSTed
	 * @param event the event type's wire name
	 * @param enabled whether events are sent to it
	 * @param createdAt when it was made
	 */
	public record Hook(UUID id, String targetUrl, String event, boolean enabled, Instant createdAt) {

		static Hook of(WebhookEndpoint endpoint) {
			return new Hook(endpoint.id(), endpoint.url(), endpoint.eventTypes().get(0), endpoint.enabled(),
					endpoint.createdAt());
		}

	}

	private final WebhookEndpoints endpoints;

	private final EndpointRepository repository;

	private final EventCatalogue catalogue;

	private final ObjectMapper json;

	RestHooks(WebhookEndpoints endpoints, EndpointRepository repository, EventCatalogue catalogue, ObjectMapper json) {
		this.endpoints = endpoints;
		this.repository = repository;
		this.catalogue = catalogue;
		this.json = json;
	}

	/**
	 * Subscribes {@code targetUrl} to one event type.
	 * @return the hook and its {@code whsec_} secret, shown this once
	 * @throws InvalidInputProblem bad or refused URL, unknown type, the workspace's limit
	 */
	@Transactional
	public WebhookEndpoints.Created subscribe(Tenant tenant, String targetUrl, String event) {
		tenant.require(WorkspaceRole.ADMIN, "webhooks:write");
		String type = type(event).type();
		String url = endpoints.rules().url(targetUrl);
		return endpoints.create(tenant, EndpointKind.REST_HOOK,
				new Fields(url, "REST hook subscription", List.of(type), "", ""), false);
	}

	/**
	 * Removes a REST hook; an endpoint made on the page is not one.
	 * @throws NotFoundProblem when there is no such REST hook in the workspace
	 */
	@Transactional
	public void unsubscribe(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.ADMIN, "webhooks:write");
		if (!endpoints.delete(tenant, id, EndpointKind.REST_HOOK)) {
			throw new NotFoundProblem("REST hook");
		}
	}

	/** The workspace's REST hooks, oldest first. */
	public List<Hook> list(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "webhooks:read");
		return endpoints.list(tenant, EndpointKind.REST_HOOK).stream().map(Hook::of).toList();
	}

	/**
	 * Sample payloads of a type: the workspace's latest real events of it, newest first,
	 * at most {@value #SAMPLES}; the catalogue's sample when there is none. What Zapier's
	 * "perform list" of a REST hook trigger expects: an array of payloads.
	 * @throws InvalidInputProblem {@code invalid-event-type}
	 */
	public List<JsonNode> samples(Tenant tenant, String event) {
		tenant.require(WorkspaceRole.VIEWER, "webhooks:read");
		EventType type = type(event);
		List<JsonNode> samples = new ArrayList<>();
		for (String payload : repository.recentPayloads(tenant.workspaceId(), type.type(), SAMPLES)) {
			try {
				samples.add(json.readTree(payload));
			}
			catch (JsonProcessingException ex) {
				throw new IllegalStateException("A stored webhook event is not JSON", ex);
			}
		}
		if (samples.isEmpty()) {
			samples.add(catalogue.sample(type));
		}
		return samples;
	}

	static EventType type(String event) {
		String value = event == null ? "" : event.strip();
		if (value.isEmpty()) {
			throw new InvalidInputProblem("invalid-event-type",
					"event is required: one wire name of the catalogue (GET /api/v1/webhooks/event-types), "
							+ "e.g. message.replied.");
		}
		return EventType.of(value)
			.orElseThrow(() -> new InvalidInputProblem("invalid-event-type", "Unknown event type '" + value
					+ "': give one wire name of the catalogue (GET /api/v1/webhooks/event-types), e.g. message.replied."));
	}

}
