package com.penguinmails.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Service;

/**
 * The event catalogue as data: each {@link EventType}'s JSON Schema (draft 2020-12, from
 * {@code classpath:webhooks/schemas/<type>.json}) and its sample event (the schema's
 * first {@code examples} entry, wrapped in the Standard Webhooks payload). A type whose
 * file is not there yet has the minimal schema {@code {"type": "object"}} and an empty
 * sample {@code data}.
 */
@Service
public class EventCatalogue {

	/** The sample's {@code timestamp}: fixed, so samples are stable. */
	static final Instant SAMPLE_TIME = Instant.parse("2026-12-01T09:30:00Z");

	private static final String DRAFT = "https://json-schema.org/draft/2020-12/schema";

	private final ObjectMapper json;

	private final Map<EventType, ObjectNode> schemas = new ConcurrentHashMap<>();

	EventCatalogue(ObjectMapper json) {
		this.json = json;
	}

	/** Every type, in the catalogue's order. */
	public List<EventType> types() {
		return List.of(EventType.values());
	}

	/**
	 * The type's JSON Schema (draft 2020-12) of its {@code data} object, read once; a
	 * copy the caller may change.
	 * @throws IllegalStateException when the type's file is not valid JSON (a build
	 * error, caught by the catalogue's tests)
	 */
	public ObjectNode schema(EventType type) {
		return schemas.computeIfAbsent(type, this::read).deepCopy();
	}

	/**
	 * A sample event of the type: the Standard Webhooks payload {@code {"type",
	 * "timestamp", "data"}} with the schema's first {@code examples} entry as data (an
	 * empty object when the schema has none).
	 */
	public ObjectNode sample(EventType type) {
		JsonNode examples = schema(type).path("examples");
		JsonNode example = examples.isArray() && !examples.isEmpty() ? examples.get(0) : null;
		ObjectNode payload = json.createObjectNode();
		payload.put("type", type.type());
		payload.put("timestamp", SAMPLE_TIME.toString());
		payload.set("data", example instanceof ObjectNode data ? data : json.createObjectNode());
		return payload;
	}

	private ObjectNode read(EventType type) {
		ClassPathResource file = new ClassPathResource("webhooks/schemas/" + type.type() + ".json");
		if (!file.exists()) {
			ObjectNode minimal = json.createObjectNode();
			minimal.put("$schema", DRAFT);
			minimal.put("title", type.title());
			minimal.put("description", type.description());
			minimal.put("type", "object");
			return minimal;
		}
		try (InputStream in = file.getInputStream()) {
			return (ObjectNode) json.readTree(in);
		}
		catch (IOException | ClassCastException ex) {
			throw new IllegalStateException("The schema of " + type.type() + " cannot be read", ex);
		}
	}

}
