package com.penguinmails.webhooks;

import java.util.Iterator;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Validates {@code data} objects against the catalogue's schemas with an independent JSON
 * Schema implementation (networknt, draft 2020-12, formats asserted). The schemas are
 * "closed" for the check (every object with {@code properties} gets
 * {@code additionalProperties: false}), so a property the catalogue sends but does not
 * document fails the test; receivers get the open schema.
 */
public final class CatalogueSchemas {

	private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

	private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
		.formatAssertionsEnabled(true)
		.build();

	private CatalogueSchemas() {
	}

	/** Fails the test unless {@code data} is valid for the type's closed schema. */
	public static void assertValid(EventCatalogue catalogue, EventType type, JsonNode data) {
		ObjectNode closed = catalogue.schema(type);
		close(closed);
		JsonSchema schema = FACTORY.getSchema(closed, CONFIG);
		Set<ValidationMessage> errors = schema.validate(data);
		assertThat(errors).as(type.type() + " data " + data).isEmpty();
	}

	private static void close(JsonNode node) {
		if (node instanceof ObjectNode object) {
			if (object.has("properties") && !object.has("additionalProperties")
					&& "object".equals(object.path("type").asText())) {
				object.put("additionalProperties", false);
			}
			for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
				String name = names.next();
				if (!name.equals("examples")) {
					close(object.get(name));
				}
			}
		}
		else if (node != null && node.isArray()) {
			node.forEach(CatalogueSchemas::close);
		}
	}

}
