package com.penguinmails.webhooks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import com.penguinmails.inbound.Inbox;
import com.penguinmails.reputation.PathState;
import com.penguinmails.reputation.RecipientProvider;
import com.penguinmails.reputation.ThrottleAction;
import com.penguinmails.shared.BounceReason;
import com.penguinmails.shared.StoredValue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalogue's schemas: each file is a documented draft 2020-12 schema with one
 * example, every sample validates against its schema, enums name what the features store,
 * and a type whose file is not there yet still has a minimal schema and sample.
 */
class EventCatalogueTests {

	private final EventCatalogue catalogue = new EventCatalogue(new ObjectMapper());

	@Test
	void everySampleValidatesAgainstItsSchema() {
		for (EventType type : EventType.values()) {
			ObjectNode sample = catalogue.sample(type);
			assertThat(sample.get("type").asText()).isEqualTo(type.type());
			assertThat(sample.get("timestamp").asText()).isEqualTo("2026-12-01T09:30:00Z");
			CatalogueSchemas.assertValid(catalogue, type, sample.get("data"));
		}
	}

	@Test
	void everySchemaFileIsDocumentedWithOneExample() {
		for (EventType type : withFiles()) {
			ObjectNode schema = catalogue.schema(type);
			assertThat(schema.get("$schema").asText()).as(type.type())
				.isEqualTo("https://json-schema.org/draft/2020-12/schema");
			assertThat(schema.get("title").asText()).as(type.type()).isEqualTo(type.title());
			assertThat(schema.get("description").asText()).as(type.type()).isNotBlank();
			assertThat(schema.get("required")).as(type.type()).isNotEmpty();
			assertThat(schema.get("examples")).as(type.type()).hasSize(1);
			assertThat(undescribed(schema.get("properties"), type.type())).isEmpty();
		}
		assertThat(withFiles()).as("the catalogue part's types")
			.contains(EventType.MESSAGE_SENT, EventType.MESSAGE_BOUNCED, EventType.REPLY_LABELLED,
					EventType.MAILBOX_ERRORED, EventType.POSTMASTER_CONNECTION_EXPIRED);
	}

	@Test
	void enumsNameWhatTheFeaturesStore() {
		Map<String, List<String>> expected = Map.of("/properties/bounce/properties/reason/enum",
				Arrays.stream(BounceReason.values()).map(BounceReason::key).toList());
		expected
			.forEach((pointer, values) -> assertThat(strings(catalogue.schema(EventType.MESSAGE_BOUNCED).at(pointer)))
				.containsExactlyElementsOf(values));
		assertThat(strings(catalogue.schema(EventType.MESSAGE_REPLIED).at("/properties/reply/properties/intent/enum")))
			.containsExactlyElementsOf(Inbox.LABELS);
		JsonNode throttle = catalogue.schema(EventType.SENDING_THROTTLED).at("/properties/throttle/properties");
		assertThat(strings(throttle.at("/action/enum"))).containsExactlyElementsOf(values(ThrottleAction.values()));
		assertThat(strings(throttle.at("/state/enum"))).containsExactlyElementsOf(values(PathState.values()));
		assertThat(strings(throttle.at("/provider/enum")))
			.containsExactlyElementsOf(values(RecipientProvider.values()));
	}

	@Test
	void aTypeWithoutItsFileYetHasAMinimalSchemaAndAnEmptySample() {
		for (EventType type : EventType.values()) {
			if (!withFiles().contains(type)) {
				assertThat(catalogue.schema(type).get("type").asText()).isEqualTo("object");
				assertThat(catalogue.sample(type).get("data")).isEmpty();
			}
		}
	}

	private static List<EventType> withFiles() {
		return Arrays.stream(EventType.values())
			.filter(type -> new ClassPathResource("webhooks/schemas/" + type.type() + ".json").exists())
			.toList();
	}

	/** The properties (at any depth) that have no description. */
	private static List<String> undescribed(JsonNode properties, String path) {
		List<String> missing = new ArrayList<>();
		for (Iterator<Map.Entry<String, JsonNode>> fields = properties.fields(); fields.hasNext();) {
			Map.Entry<String, JsonNode> field = fields.next();
			String where = path + "." + field.getKey();
			if (!field.getValue().hasNonNull("description")) {
				missing.add(where);
			}
			if (field.getValue().has("properties")) {
				missing.addAll(undescribed(field.getValue().get("properties"), where));
			}
		}
		return missing;
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach(value -> values.add(value.asText()));
		return values;
	}

	private static List<String> values(StoredValue[] values) {
		return Arrays.stream(values).map(StoredValue::value).toList();
	}

}
