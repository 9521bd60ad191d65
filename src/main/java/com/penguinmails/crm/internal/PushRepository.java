package com.penguinmails.crm.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.crm.PushSettings;

/**
 * The SQL of the push queue ({@code crm_push_queue}) and of the push settings kept on the
 * connection. Every tenant query takes the workspace first; the worker's claim spans
 * workspaces and locks with {@code FOR UPDATE SKIP LOCKED}.
 */
@Repository
public class PushRepository {

	/**
	 * A queued push.
	 *
	 * @param action {@code note} or {@code properties}
	 * @param payload JSON: {@code {"timestamp","body"}} for a note,
	 * {@code {"properties":{...}}} for property changes
	 * @param state {@code queued}, {@code sending}, {@code sent} or {@code failed}
	 * @param email the contact's address (in lists), or null
	 */
	public record PushRow(UUID id, UUID workspaceId, String crm, UUID contactId, String recordId, String kind,
			String action, String payload, int attempts, String state, String lastError, Instant createdAt,
			Instant sentAt, String email) {
	}

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	PushRepository(JdbcClient jdbc, ObjectMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** The connection's push settings, or empty when the workspace has no connection. */
	public Optional<PushSettings> settings(UUID workspaceId, String crm) {
		return settings(workspaceId, crm, PushSettings.class, PushSettings.off());
	}

	/**
	 * The connection's push settings read as {@code type} ({@code off} when unreadable),
	 * or empty when the workspace has no connection.
	 */
	public <T> Optional<T> settings(UUID workspaceId, String crm, Class<T> type, T off) {
		return jdbc.sql("SELECT push_settings::text FROM crm_connections WHERE workspace_id = ? AND crm = ?")
			.params(workspaceId, crm)
			.query(String.class)
			.optional()
			.map(text -> read(text, type, off));
	}

	public void saveSettings(UUID workspaceId, String crm, Object settings) {
		jdbc.sql("UPDATE crm_connections SET push_settings = ?::jsonb WHERE workspace_id = ? AND crm = ?")
			.params(write(settings), workspaceId, crm)
			.update();
	}

	/**
	 * Queues a push unless one with the same key is queued already.
	 * @return whether it was queued
	 */
	public boolean enqueue(UUID workspaceId, String crm, UUID contactId, String recordId, String kind, String action,
			String payload, String dedupeKey, Instant now) {
		return jdbc.sql("""
				INSERT INTO crm_push_queue (id, workspace_id, crm, contact_id, record_id, kind, action, payload,
				    dedupe_key, next_attempt_at, state, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, 'queued', ?)
				ON CONFLICT (workspace_id, crm, dedupe_key) DO NOTHING""")
			.params(UUID.randomUUID(), workspaceId, crm, contactId, recordId, kind, action, payload,
					dedupeKey.length() > 200 ? dedupeKey.substring(0, 200) : dedupeKey, Timestamp.from(now),
					Timestamp.from(now))
			.update() > 0;
	}

	/**
	 * Claims due pushes (queued, or sending with an expired claim) of connections that
	 * are not expired, oldest first, until {@code until}, counting an attempt; rows
	 * another node holds are skipped.
	 */
	public List<PushRow> claim(String crm, Instant now, Instant until, int limit) {
		return jdbc
			.sql("""
					UPDATE crm_push_queue q SET state = 'sending', attempts = q.attempts + 1, next_attempt_at = ?
					FROM (SELECT p.id FROM crm_push_queue p
					      JOIN crm_connections c ON c.workspace_id = p.workspace_id AND c.crm = p.crm
					      WHERE p.crm = ? AND p.state IN ('queued', 'sending') AND p.next_attempt_at <= ?
					        AND c.status <> 'expired'
					      ORDER BY p.next_attempt_at LIMIT ? FOR UPDATE OF p SKIP LOCKED) due
					WHERE q.id = due.id
					RETURNING q.id, q.workspace_id, q.crm, q.contact_id, q.record_id, q.kind, q.action, q.payload::text AS payload,
					          q.attempts, q.state, q.last_error, q.created_at, q.sent_at, NULL AS email""")
			.params(Timestamp.from(until), crm, Timestamp.from(now), limit)
			.query(PushRepository::row)
			.list();
	}

	/**
	 * {@link #claim} for {@code lease} from {@code now}, grouped by workspace (in claim
	 * order).
	 */
	public Map<UUID, List<PushRow>> claimByWorkspace(String crm, Instant now, Duration lease, int limit) {
		return claim(crm, now, now.plus(lease), limit).stream()
			.collect(Collectors.groupingBy(PushRow::workspaceId, LinkedHashMap::new, Collectors.toList()));
	}

	/**
	 * Property or field changes in words, for the page: {@code "a = 1, b = (cleared)"}
	 * (an empty or null value clears).
	 */
	public static String changes(JsonNode properties) {
		List<String> changes = new ArrayList<>();
		properties.fields()
			.forEachRemaining(
					e -> changes.add(e.getKey() + " = " + (e.getValue().isNull() || e.getValue().asText().isEmpty()
							? "(cleared)" : e.getValue().asText())));
		return String.join(", ", changes);
	}

	public void sent(UUID workspaceId, Collection<UUID> ids, Instant now) {
		for (UUID id : ids) {
			jdbc.sql("""
					UPDATE crm_push_queue SET state = 'sent', sent_at = ?, last_error = NULL
					WHERE workspace_id = ? AND id = ?""").params(Timestamp.from(now), workspaceId, id).update();
		}
	}

	/** Tries again at {@code next}, or gives up ({@code next} null: failed). */
	public void retry(UUID workspaceId, UUID id, String error, Instant next) {
		jdbc.sql("""
				UPDATE crm_push_queue SET state = ?, next_attempt_at = COALESCE(?, next_attempt_at), last_error = ?
				WHERE workspace_id = ? AND id = ?""")
			.params(next == null ? "failed" : "queued", next == null ? null : Timestamp.from(next), cut(error),
					workspaceId, id)
			.update();
	}

	/**
	 * A push whose call failed: tried again after a backoff (30 s, doubling, at most an
	 * hour) when {@code transientFailure} (no answer, a rate limit, a 5xx) and fewer than
	 * {@code maxAttempts} attempts were made, else given up with {@code error}.
	 */
	public void failed(PushRow row, boolean transientFailure, String error, int maxAttempts, Instant now) {
		Instant next = null;
		if (transientFailure && row.attempts() < maxAttempts) {
			long seconds = Math.min(3600, 30L << Math.min(row.attempts() - 1, 10));
			next = now.plusSeconds(seconds);
		}
		String message = next == null && transientFailure ? "Given up after " + row.attempts() + " attempts: " + error
				: error;
		retry(row.workspaceId(), row.id(), message, next);
	}

	/**
	 * Puts claimed pushes back, the attempt not counted: the connection was refused and
	 * holds the queue until it is connected again.
	 */
	public void hold(UUID workspaceId, Collection<UUID> ids, String error, Instant now) {
		for (UUID id : ids) {
			jdbc.sql(
					"""
							UPDATE crm_push_queue SET state = 'queued', attempts = GREATEST(attempts - 1, 0), next_attempt_at = ?,
							       last_error = ?
							WHERE workspace_id = ? AND id = ?""")
				.params(Timestamp.from(now), cut(error), workspaceId, id)
				.update();
		}
	}

	/** The newest pushes of the workspace, with the contact's address. */
	public List<PushRow> recent(UUID workspaceId, String crm, int limit) {
		return jdbc
			.sql("""
					SELECT q.id, q.workspace_id, q.crm, q.contact_id, q.record_id, q.kind, q.action, q.payload::text AS payload,
					       q.attempts, q.state, q.last_error, q.created_at, q.sent_at, c.email
					FROM crm_push_queue q LEFT JOIN contacts c ON c.id = q.contact_id AND c.workspace_id = q.workspace_id
					WHERE q.workspace_id = ? AND q.crm = ? ORDER BY q.created_at DESC, q.id LIMIT ?""")
			.params(workspaceId, crm, limit)
			.query(PushRepository::row)
			.list();
	}

	private static String cut(String text) {
		return text == null || text.length() <= 1000 ? text : text.substring(0, 1000);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp ts = rs.getTimestamp(column);
		return ts == null ? null : ts.toInstant();
	}

	private static PushRow row(ResultSet rs, int n) throws SQLException {
		return new PushRow(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class),
				rs.getString("crm"), rs.getObject("contact_id", UUID.class), rs.getString("record_id"),
				rs.getString("kind"), rs.getString("action"), rs.getString("payload"), rs.getInt("attempts"),
				rs.getString("state"), rs.getString("last_error"), instant(rs, "created_at"), instant(rs, "sent_at"),
				rs.getString("email"));
	}

	private <T> T read(String text, Class<T> type, T off) {
		try {
			return text == null ? off : json.readValue(text, type);
		}
		catch (JsonProcessingException ex) {
			return off;
		}
	}

	private String write(Object settings) {
		try {
			return json.writeValueAsString(settings);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
