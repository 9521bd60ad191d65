package com.penguinmails.webhooks.internal.catalogue;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.awaitility.Awaitility;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the lifecycle tests read: an endpoint row subscribed to every type, the events the
 * catalogue's asynchronous listeners stored (waited for with a bounded poll), and each
 * payload's {@code data} checked against the type's JSON Schema (draft 2020-12, formats
 * asserted) with an independent validator.
 */
final class LifecycleLog {

	/** One stored event. */
	record Stored(String dedupeKey, String orderingKey, JsonNode payload) {

		JsonNode data() {
			return payload.get("data");
		}

	}

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	LifecycleLog(JdbcClient jdbc, ObjectMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** An enabled endpoint of the workspace subscribed to every type. */
	void subscribeAll(UUID workspaceId) {
		Timestamp now = Timestamp.from(Instant.now());
		jdbc.sql("""
				INSERT INTO webhook_endpoints (id, workspace_id, url, event_types, enabled, created_at, updated_at)
				VALUES (?, ?, 'https://example.com/hook', ARRAY['*'], TRUE, ?, ?)""")
			.params(UUID.randomUUID(), workspaceId, now, now)
			.update();
	}

	/** Waits (10 s at most) until the workspace has {@code count} events of the type. */
	List<Stored> await(UUID workspaceId, String type, int count) {
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> events(workspaceId, type).size() >= count);
		List<Stored> stored = events(workspaceId, type);
		assertThat(stored).hasSize(count);
		stored.forEach(event -> assertValid(type, event.payload()));
		return stored;
	}

	/** The workspace's events of the type, oldest first. */
	List<Stored> events(UUID workspaceId, String type) {
		return jdbc.sql("""
				SELECT dedupe_key, ordering_key, payload::text FROM webhook_events
				WHERE workspace_id = ? AND type = ? ORDER BY created_at, occurred_at""")
			.params(workspaceId, type)
			.query((rs, i) -> new Stored(rs.getString(1), rs.getString(2), read(rs.getString(3))))
			.list();
	}

	/** The Standard Webhooks envelope, and its data valid against the type's schema. */
	void assertValid(String type, JsonNode payload) {
		assertThat(payload.get("type").asText()).isEqualTo(type);
		assertThat(Instant.parse(payload.get("timestamp").asText())).isNotNull();
		JsonSchema schema = schema(type);
		Set<ValidationMessage> errors = schema.validate(payload.get("data"));
		assertThat(errors).as(type + " data " + payload.get("data")).isEmpty();
	}

	/**
	 * The schema's own example is valid against it, and data without its required keys is
	 * not (the validator does check).
	 */
	void assertExampleValid(String type) {
		JsonNode raw = schemaNode(type);
		assertThat(raw.get("title").asText()).isNotBlank();
		assertThat(raw.get("description").asText()).isNotBlank();
		assertThat(raw.get("examples")).hasSize(1);
		assertThat(schema(type).validate(raw.get("examples").get(0))).as(type + " example").isEmpty();
		assertThat(schema(type).validate(json.createObjectNode())).as(type + " of {}").isNotEmpty();
	}

	/** Draft 2020-12 with formats asserted (uuid, email, date-time). */
	private JsonSchema schema(String type) {
		return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
			.getSchema(schemaNode(type), SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
	}

	private JsonNode schemaNode(String type) {
		try (InputStream in = getClass().getResourceAsStream("/webhooks/schemas/" + type + ".json")) {
			assertThat(in).as("schema of " + type).isNotNull();
			return json.readTree(in);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private JsonNode read(String text) {
		try {
			return json.readTree(text);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
