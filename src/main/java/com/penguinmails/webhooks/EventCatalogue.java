package com.penguinmails.webhooks;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Service;

/**
 * The event catalogue as data: each {@link EventType}'s JSON Schema (draft 2020-12, from
 * {@code classpath:webhooks/schemas/<type>.json}) and its sample event (the schema's
 * first {@code examples} entry, wrapped in the Standard Webhooks payload).
 */
@Service
public class EventCatalogue {

	private final ObjectMapper json;

	EventCatalogue(ObjectMapper json) {
		this.json = json;
	}

	/** Every type, in the catalogue's order. */
	public List<EventType> types() {
		return List.of(EventType.values());
	}

	/** The type's JSON Schema of its {@code data} object. */
	public ObjectNode schema(EventType type) {
		// SKELETON: the catalogue part reads the schema files.
		return json.createObjectNode().put("$schema", "https://json-schema.org/draft/2020-12/schema");
	}

	/**
	 * A sample event of the type: the Standard Webhooks payload {@code {"type",
	 * "timestamp", "data"}} with the schema's example as data.
	 */
	public ObjectNode sample(EventType type) {
		// SKELETON: the catalogue part uses the schema's example.
		ObjectNode payload = json.createObjectNode();
		payload.put("type", type.type());
		payload.put("timestamp", Instant.parse("2026-12-01T09:30:00Z").toString());
		payload.set("data", json.createObjectNode());
		return payload;
	}

}
