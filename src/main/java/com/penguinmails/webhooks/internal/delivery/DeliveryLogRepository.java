package com.penguinmails.webhooks.internal.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.shared.CursorPage;
import com.penguinmails.webhooks.DeliveryLog;
import com.penguinmails.webhooks.DeliveryStatus;

/**
 * The delivery log's SQL: search (newest first, keyset pages), one delivery with its
 * attempts, replays (back to pending, due now, flagged as a replay) and test events.
 * Every query is scoped to one workspace.
 */
@Repository
public class DeliveryLogRepository {

	private static final String DELIVERY_COLUMNS = """
			d.id, d.event_id, ev.type, d.endpoint_id, en.url, d.status, d.attempts, d.last_status_code,
			d.last_error, d.next_attempt_at, d.created_at, d.finished_at""";

	private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	DeliveryLogRepository(JdbcClient jdbc, ObjectMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** Up to {@code limit} deliveries matching {@code search} after {@code after}. */
	public List<DeliveryLog.Delivery> search(UUID workspaceId, DeliveryLog.Search search, CursorPage.Position after,
			int limit) {
		StringBuilder sql = new StringBuilder("SELECT " + DELIVERY_COLUMNS + """
				 FROM webhook_deliveries d
				JOIN webhook_events ev ON ev.id = d.event_id
				JOIN webhook_endpoints en ON en.id = d.endpoint_id
				WHERE d.workspace_id = ?""");
		List<Object> params = new ArrayList<>(List.of(workspaceId));
		condition(sql, params, " AND d.endpoint_id = ?", search.endpointId());
		condition(sql, params, " AND ev.type = ?", search.eventType());
		condition(sql, params, " AND d.status = ?", search.status() == null ? null : search.status().value());
		// Any attempt's answer, not only the last: a 500 that was retried into a 200 is
		// found.
		condition(sql, params,
				" AND EXISTS (SELECT 1 FROM webhook_attempts a WHERE a.delivery_id = d.id AND a.status_code = ?)",
				search.httpStatus());
		condition(sql, params, " AND d.created_at >= ?", search.from() == null ? null : Timestamp.from(search.from()));
		condition(sql, params, " AND d.created_at < ?", search.to() == null ? null : Timestamp.from(search.to()));
		if (search.text() != null && !search.text().isBlank()) {
			String like = "%" + search.text().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
					+ "%";
			sql.append(" AND (CAST(ev.id AS text) ILIKE ? OR CAST(ev.payload AS text) ILIKE ?)");
			params.add(like);
			params.add(like);
		}
		if (after != null) {
			sql.append(" AND (d.created_at, d.id) < (?, ?)");
			params.add(Timestamp.from(after.at()));
			params.add(after.id());
		}
		sql.append(" ORDER BY d.created_at DESC, d.id DESC LIMIT ?");
		params.add(limit);
		return jdbc.sql(sql.toString()).params(params).query(this::delivery).list();
	}

	public Optional<DeliveryLog.Delivery> delivery(UUID workspaceId, UUID deliveryId) {
		return jdbc.sql("SELECT " + DELIVERY_COLUMNS + """
				 FROM webhook_deliveries d
				JOIN webhook_events ev ON ev.id = d.event_id
				JOIN webhook_endpoints en ON en.id = d.endpoint_id
				WHERE d.workspace_id = ? AND d.id = ?""")
			.params(workspaceId, deliveryId)
			.query(this::delivery)
			.optional();
	}

	/** The event's Standard Webhooks payload, as stored. */
	public Optional<String> payload(UUID workspaceId, UUID eventId) {
		return jdbc.sql("SELECT CAST(payload AS text) FROM webhook_events WHERE workspace_id = ? AND id = ?")
			.params(workspaceId, eventId)
			.query(String.class)
			.optional();
	}

	/** A delivery's attempts, oldest first. */
	public List<DeliveryLog.Attempt> attempts(UUID workspaceId, UUID deliveryId) {
		return jdbc.sql("""
				SELECT id, delivery_id, attempt, replay, url, CAST(request_headers AS text), request_body,
				    status_code, CAST(response_headers AS text), response_body, error, duration_ms, attempted_at
				FROM webhook_attempts WHERE workspace_id = ? AND delivery_id = ?
				ORDER BY attempted_at, attempt""").params(workspaceId, deliveryId).query(this::attempt).list();
	}

	/**
	 * Puts a delivery back to pending, due at {@code now}, its next attempt a replay;
	 * false when it is being sent right now (or not in the workspace).
	 */
	public boolean replay(UUID workspaceId, UUID deliveryId, Instant now) {
		Timestamp at = Timestamp.from(now);
		return jdbc.sql("""
				UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ?, replay = TRUE,
				    finished_at = NULL, locked_until = NULL
				WHERE workspace_id = ? AND id = ? AND (locked_until IS NULL OR locked_until < ?)""")
			.params(at, workspaceId, deliveryId, at)
			.update() == 1;
	}

	/**
	 * Replays the endpoint's finished deliveries created in [{@code from}, {@code to}):
	 * only the failed ones, or every delivered and failed one.
	 * @return how many
	 */
	public int replayRange(UUID workspaceId, UUID endpointId, Instant from, Instant to, boolean onlyFailed,
			Instant now) {
		Timestamp at = Timestamp.from(now);
		return jdbc.sql("""
				UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ?, replay = TRUE,
				    finished_at = NULL, locked_until = NULL
				WHERE workspace_id = ? AND endpoint_id = ? AND created_at >= ? AND created_at < ?
				  AND (status = 'failed' OR (NOT ? AND status = 'delivered'))""")
			.params(at, workspaceId, endpointId, Timestamp.from(from), Timestamp.from(to), onlyFailed)
			.update();
	}

	/**
	 * The endpoint's state in the workspace: enabled or not; empty when there is none.
	 */
	public Optional<Boolean> endpointEnabled(UUID workspaceId, UUID endpointId) {
		return jdbc.sql("SELECT enabled FROM webhook_endpoints WHERE workspace_id = ? AND id = ?")
			.params(workspaceId, endpointId)
			.query(Boolean.class)
			.optional();
	}

	/**
	 * Stores a test event (dedupe key {@code test:<uuid>}) and its one delivery, due now.
	 * @return the delivery's id
	 */
	public UUID insertTest(UUID workspaceId, UUID endpointId, String type, String payload, Instant now) {
		UUID eventId = UUID.randomUUID();
		UUID deliveryId = UUID.randomUUID();
		Timestamp at = Timestamp.from(now);
		jdbc.sql("""
				WITH event AS (
				    INSERT INTO webhook_events (id, workspace_id, type, dedupe_key, payload, occurred_at, created_at)
				    VALUES (?, ?, ?, ?, CAST(? AS jsonb), ?, ?) RETURNING id)
				INSERT INTO webhook_deliveries (id, workspace_id, event_id, endpoint_id, next_attempt_at, created_at)
				SELECT ?, ?, event.id, ?, ?, ? FROM event""")
			.params(eventId, workspaceId, type, "test:" + UUID.randomUUID(), payload, at, at, deliveryId, workspaceId,
					endpointId, at, at)
			.update();
		return deliveryId;
	}

	/** The workspace's endpoints, oldest first. */
	public List<DeliveryLog.EndpointRef> endpoints(UUID workspaceId) {
		return jdbc.sql("SELECT id, url, enabled FROM webhook_endpoints WHERE workspace_id = ? ORDER BY created_at, id")
			.param(workspaceId)
			.query((rs, i) -> new DeliveryLog.EndpointRef(rs.getObject(1, UUID.class), rs.getString(2),
					rs.getBoolean(3)))
			.list();
	}

	private static void condition(StringBuilder sql, List<Object> params, String clause, Object value) {
		if (value != null) {
			sql.append(clause);
			params.add(value);
		}
	}

	private DeliveryLog.Delivery delivery(ResultSet rs, int row) throws SQLException {
		return new DeliveryLog.Delivery(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
				rs.getObject(4, UUID.class), rs.getString(5), DeliveryStatus.of(rs.getString(6)), rs.getInt(7),
				(Integer) rs.getObject(8), rs.getString(9), instant(rs.getTimestamp(10)), instant(rs.getTimestamp(11)),
				instant(rs.getTimestamp(12)));
	}

	private DeliveryLog.Attempt attempt(ResultSet rs, int row) throws SQLException {
		return new DeliveryLog.Attempt(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3),
				rs.getBoolean(4), rs.getString(5), headers(rs.getString(6)), rs.getString(7), (Integer) rs.getObject(8),
				headers(rs.getString(9)), rs.getString(10), rs.getString(11), rs.getInt(12),
				instant(rs.getTimestamp(13)));
	}

	private Map<String, String> headers(String text) {
		if (text == null) {
			return null;
		}
		try {
			return json.readValue(text, HEADERS);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
