package com.penguinmails.webhooks.api;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenancy;
import com.penguinmails.shared.WorkspaceRole;
import com.penguinmails.webhooks.EventCatalogue;
import com.penguinmails.webhooks.EventType;

/**
 * The event catalogue over HTTP: every event type an endpoint can subscribe to, its JSON
 * Schema (draft 2020-12) of the {@code data} object and a sample Standard Webhooks
 * payload (for a Zapier/Make/n8n trigger's setup). Scope {@code webhooks:read}; an
 * unknown type is a 404 problem.
 */
@RestController
@RequestMapping(path = "/api/v1/webhooks/event-types", produces = "application/json")
@Tag(name = "Webhooks: event types",
		description = "The event catalogue: types, their JSON Schemas (draft 2020-12) and sample payloads")
@SecurityRequirement(name = "apiKey")
class EventTypesApi {

	static final String SCHEMA_JSON = "application/schema+json";

	/**
	 * One event type.
	 *
	 * @param type the wire name, e.g. {@code message.bounced}
	 * @param title a short name
	 * @param description when it fires
	 * @param schemaUrl where its JSON Schema is, a path on this server
	 * @param sampleUrl where its sample payload is, a path on this server
	 */
	record EventTypeView(String type, String title, String description, String schemaUrl, String sampleUrl) {

		static EventTypeView of(EventType type) {
			String base = "/api/v1/webhooks/event-types/" + type.type();
			return new EventTypeView(type.type(), type.title(), type.description(), base + "/schema", base + "/sample");
		}

	}

	private final EventCatalogue catalogue;

	private final Tenancy tenancy;

	EventTypesApi(EventCatalogue catalogue, Tenancy tenancy) {
		this.catalogue = catalogue;
		this.tenancy = tenancy;
	}

	@GetMapping
	@Operation(summary = "Every event type an endpoint can subscribe to, with its schema's URL")
	List<EventTypeView> list() {
		tenancy.current().require(WorkspaceRole.VIEWER, "webhooks:read");
		return catalogue.types().stream().map(EventTypeView::of).toList();
	}

	@GetMapping("/{type}")
	@Operation(summary = "One event type")
	EventTypeView get(@Parameter(description = "The wire name, e.g. message.bounced") @PathVariable String type) {
		return EventTypeView.of(known(type));
	}

	@GetMapping(path = "/{type}/schema", produces = SCHEMA_JSON)
	@Operation(summary = "The JSON Schema (draft 2020-12) of the type's data object, with one example")
	ObjectNode schema(@Parameter(description = "The wire name, e.g. message.bounced") @PathVariable String type) {
		return catalogue.schema(known(type));
	}

	@GetMapping("/{type}/sample")
	@Operation(summary = "A sample event of the type: the Standard Webhooks payload {type, timestamp, data}")
	ObjectNode sample(@Parameter(description = "The wire name, e.g. message.bounced") @PathVariable String type) {
		return catalogue.sample(known(type));
	}

	private EventType known(String type) {
		tenancy.current().require(WorkspaceRole.VIEWER, "webhooks:read");
		return EventType.of(type).orElseThrow(() -> new NotFoundProblem("Event type"));
	}

}
