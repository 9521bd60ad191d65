package com.penguinmails.webhooks.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The events of the catalogue and their fan-out: {@link #append} stores a business event
 * once (per workspace and dedupe key) and queues one delivery per enabled endpoint
 * subscribed to its type, in the caller's transaction. Nothing is stored when no endpoint
 * wants the type.
 */
@Repository
public class WebhookEventLog {

	/** The longest dedupe and ordering key {@code webhook_events} stores. */
	private static final int KEY_MAX = 300;

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	private final Clock clock;

	WebhookEventLog(JdbcClient jdbc, ObjectMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Whether some enabled endpoint of the workspace wants any of these event types (or
	 * every type, {@code *}): when none does, {@link #append} would store nothing, so a
	 * listener can skip building the event (its look-ups are most of a busy listener's
	 * work).
	 * @param types event types such as {@code message.opened}
	 */
	public boolean wanted(UUID workspaceId, String... types) {
		return Boolean.TRUE.equals(jdbc.sql("""
				SELECT EXISTS (SELECT 1 FROM webhook_endpoints
				    WHERE workspace_id = ? AND enabled AND (event_types && ?::text[] OR '*' = ANY (event_types)))""")
			.params(workspaceId, types)
			.query(Boolean.class)
			.single());
	}

	/**
	 * Stores an event and queues its deliveries; a key longer than its column (300
	 * characters) is cut to it.
	 * @return the event's id (its {@code webhook-id}) when it was new and some endpoint
	 * wants it; empty for a duplicate or an event no endpoint wants
	 */
	public Optional<UUID> append(CatalogueEvent event) {
		UUID id = UUID.randomUUID();
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		String payload = write(envelope(event.type(), event.occurredAt(), event.data()));
		// One statement: the event only when some enabled endpoint wants its type, then
		// its
		// deliveries; ON CONFLICT makes a business event seen twice one event.
		List<UUID> stored = jdbc.sql("""
				WITH wanted AS (
				    SELECT id FROM webhook_endpoints
				    WHERE workspace_id = :workspace AND enabled
				      AND (:type = ANY (event_types) OR '*' = ANY (event_types))),
				event AS (
				    INSERT INTO webhook_events (id, workspace_id, type, dedupe_key, ordering_key, payload,
				                                occurred_at, created_at)
				    SELECT :id, :workspace, :type, :dedupe, :ordering, CAST(:payload AS jsonb), :occurred, :now
				    WHERE EXISTS (SELECT 1 FROM wanted)
				    ON CONFLICT (workspace_id, dedupe_key) DO NOTHING
				    RETURNING id),
				queued AS (
				    INSERT INTO webhook_deliveries (id, workspace_id, event_id, endpoint_id, ordering_key,
				                                    next_attempt_at, created_at)
				    SELECT gen_random_uuid(), :workspace, event.id, wanted.id, :ordering, :now, :now
				    FROM event CROSS JOIN wanted)
				SELECT id FROM event
				""")
			.param("id", id)
			.param("workspace", event.workspaceId())
			.param("type", event.type())
			.param("dedupe", cut(event.dedupeKey()))
			.param("ordering", cut(event.orderingKey()))
			.param("payload", payload)
			.param("occurred", Timestamp.from(event.occurredAt()))
			.param("now", Timestamp.from(now))
			.query(UUID.class)
			.list();
		return stored.stream().findFirst();
	}

	/**
	 * The Standard Webhooks payload of an event: {@code {"type", "timestamp", "data"}},
	 * the timestamp in ISO 8601 UTC.
	 */
	public ObjectNode envelope(String type, Instant occurredAt, ObjectNode data) {
		ObjectNode envelope = json.createObjectNode();
		envelope.put("type", type);
		envelope.put("timestamp", occurredAt.toString());
		envelope.set("data", data);
		return envelope;
	}

	/**
	 * A key cut to what {@code webhook_events} stores (300 characters); null stays null.
	 */
	private static String cut(String key) {
		return key == null || key.length() <= KEY_MAX ? key : key.substring(0, KEY_MAX);
	}

	private String write(ObjectNode node) {
		try {
			return json.writeValueAsString(node);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
