package com.penguinmails.webhooks.internal.delivery;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.shared.Secrets;

/**
 * The senders' side of {@code webhook_deliveries}: claims with {@code FOR UPDATE SKIP
 * LOCKED} and a lease, the endpoint and its live secrets, and each attempt's outcome. An
 * outcome only moves a delivery still held by the same claim ({@code locked_until} is the
 * claim's token).
 */
@Repository
class SenderStore {

	/** A claimed delivery with its event. */
	record Claimed(UUID id, UUID workspaceId, UUID eventId, UUID endpointId, int attempts, boolean replay,
			String eventType, String dedupeKey, String payload, Instant leaseUntil) {

		/** A test event ({@code WebhookDeliveries.sendTest}): no filter applies. */
		boolean test() {
			return dedupeKey.startsWith("test:");
		}

	}

	/** The endpoint a delivery goes to. */
	record Endpoint(UUID id, UUID workspaceId, String url, boolean enabled, String filter, String transform,
			Instant failingSince) {
	}

	/** One attempt, for the log. */
	record Attempt(Claimed delivery, String url, Map<String, String> requestHeaders, String requestBody,
			GuardedHttp.Outcome outcome, Instant at) {
	}

	private final JdbcClient jdbc;

	private final Secrets secrets;

	private final ObjectMapper json;

	SenderStore(JdbcClient jdbc, Secrets secrets, ObjectMapper json) {
		this.jdbc = jdbc;
		this.secrets = secrets;
		this.json = json;
	}

	/**
	 * Claims up to {@code max} due deliveries until {@code leaseUntil}: pending, due by
	 * {@code now}, not held by another live claim, and first of their ordering key at
	 * their endpoint: no pending delivery of the same endpoint and key whose event
	 * occurred earlier (then, at the same instant, was appended earlier: lower
	 * {@code seq}). Occurrence, not append order, because the catalogue's listeners run
	 * asynchronously: a contact's {@code contact.updated} may be appended before its
	 * {@code contact.created}. Rows another sender is claiming are skipped, never waited
	 * for.
	 */
	List<Claimed> claim(Instant now, Instant leaseUntil, int max) {
		Timestamp at = Timestamp.from(now);
		return jdbc.sql("""
				UPDATE webhook_deliveries d SET locked_until = ?
				FROM (SELECT c.id FROM webhook_deliveries c JOIN webhook_events cev ON cev.id = c.event_id
				      WHERE c.status = 'pending' AND c.next_attempt_at <= ?
				        AND (c.locked_until IS NULL OR c.locked_until < ?)
				        AND (c.ordering_key IS NULL OR NOT EXISTS (
				            SELECT 1 FROM webhook_deliveries e JOIN webhook_events eev ON eev.id = e.event_id
				            WHERE e.endpoint_id = c.endpoint_id AND e.ordering_key = c.ordering_key
				              AND e.status = 'pending' AND e.id <> c.id
				              AND (eev.occurred_at, e.seq) < (cev.occurred_at, c.seq)))
				      ORDER BY c.next_attempt_at, c.seq
				      LIMIT ?
				      FOR UPDATE SKIP LOCKED) due, webhook_events ev
				WHERE d.id = due.id AND ev.id = d.event_id
				RETURNING d.id, d.workspace_id, d.event_id, d.endpoint_id, d.attempts, d.replay, ev.type,
				    ev.dedupe_key, CAST(ev.payload AS text), d.locked_until""")
			.params(Timestamp.from(leaseUntil), at, at, max)
			.query((rs, i) -> new Claimed(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getObject(3, UUID.class), rs.getObject(4, UUID.class), rs.getInt(5), rs.getBoolean(6),
					rs.getString(7), rs.getString(8), rs.getString(9), rs.getTimestamp(10).toInstant()))
			.list();
	}

	Optional<Endpoint> endpoint(UUID endpointId) {
		return jdbc.sql("""
				SELECT id, workspace_id, url, enabled, filter, transform, failing_since
				FROM webhook_endpoints WHERE id = ?""")
			.param(endpointId)
			.query((rs, i) -> new Endpoint(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
					rs.getBoolean(4), rs.getString(5), rs.getString(6),
					rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant()))
			.optional();
	}

	/** The endpoint's secrets that still sign at {@code now}, decrypted, oldest first. */
	List<Signatures.LiveSecret> liveSecrets(UUID endpointId, Instant now) {
		return jdbc.sql("""
				SELECT id, kind, secret FROM webhook_endpoint_secrets
				WHERE endpoint_id = ? AND (expires_at IS NULL OR expires_at > ?)
				ORDER BY created_at, id""")
			.params(endpointId, Timestamp.from(now))
			.query((rs, i) -> new Signatures.LiveSecret(rs.getString(2),
					secrets.decrypt(rs.getBytes(3), "webhook-secret:" + rs.getObject(1, UUID.class))))
			.list();
	}

	/**
	 * Logs an attempt and moves its delivery: {@code status} with {@code nextAttemptAt}
	 * (pending) or finished now (delivered, failed). False when the claim was lost.
	 */
	boolean attempted(Attempt attempt, String status, Instant nextAttemptAt) {
		Claimed d = attempt.delivery();
		GuardedHttp.Outcome outcome = attempt.outcome();
		Timestamp at = Timestamp.from(attempt.at());
		boolean done = !"pending".equals(status);
		return jdbc.sql("""
				WITH logged AS (
				    INSERT INTO webhook_attempts (id, workspace_id, delivery_id, endpoint_id, event_id, event_type,
				        attempt, replay, url, request_headers, request_body, status_code, response_headers,
				        response_body, error, duration_ms, attempted_at)
				    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, CAST(? AS int), CAST(? AS jsonb),
				        CAST(? AS text), CAST(? AS text), ?, ?))
				UPDATE webhook_deliveries SET status = ?, attempts = attempts + 1, replay = FALSE,
				    next_attempt_at = coalesce(CAST(? AS timestamptz), next_attempt_at), locked_until = NULL,
				    last_status_code = CAST(? AS int), last_error = CAST(? AS text),
				    finished_at = CASE WHEN CAST(? AS boolean) THEN CAST(? AS timestamptz) ELSE NULL END
				WHERE id = ? AND locked_until = ?""")
			.params(UUID.randomUUID(), d.workspaceId(), d.id(), d.endpointId(), d.eventId(), d.eventType(),
					d.attempts() + 1, d.replay(), cut(attempt.url(), 2048), write(attempt.requestHeaders()),
					attempt.requestBody(), outcome.status(),
					outcome.headers() == null ? null : write(outcome.headers()), cut(outcome.body(), 1024),
					cut(outcome.error(), 1000), outcome.durationMs(), at, status,
					nextAttemptAt == null ? null : Timestamp.from(nextAttemptAt), outcome.status(),
					cut(outcome.error(), 1000), done, at, d.id(), Timestamp.from(d.leaseUntil()))
			.update() == 1;
	}

	/**
	 * Finishes a delivery without an HTTP attempt (filtered, or its endpoint disabled).
	 */
	boolean finishedUnsent(Claimed d, String status, String error, Instant now) {
		return jdbc.sql("""
				UPDATE webhook_deliveries SET status = ?, locked_until = NULL, last_error = ?, finished_at = ?,
				    replay = FALSE
				WHERE id = ? AND locked_until = ?""")
			.params(status, cut(error, 1000), Timestamp.from(now), d.id(), Timestamp.from(d.leaseUntil()))
			.update() == 1;
	}

	/** The endpoint answered 2xx: it is not failing. */
	void endpointSucceeded(UUID endpointId) {
		jdbc.sql("UPDATE webhook_endpoints SET failing_since = NULL WHERE id = ? AND failing_since IS NOT NULL")
			.param(endpointId)
			.update();
	}

	/** The endpoint failed an attempt: since when it has been failing. */
	Instant endpointFailed(UUID endpointId, Instant now) {
		return jdbc.sql("""
				UPDATE webhook_endpoints SET failing_since = coalesce(failing_since, ?) WHERE id = ?
				RETURNING failing_since""")
			.params(Timestamp.from(now), endpointId)
			.query(Timestamp.class)
			.optional()
			.map(Timestamp::toInstant)
			.orElse(now);
	}

	/**
	 * Disables an enabled endpoint and fails its pending deliveries; false when it was
	 * already disabled.
	 */
	boolean disable(UUID endpointId, String reason, Instant now) {
		Timestamp at = Timestamp.from(now);
		int changed = jdbc.sql("""
				UPDATE webhook_endpoints SET enabled = FALSE, disabled_reason = ?, disabled_at = ?, updated_at = ?
				WHERE id = ? AND enabled""").params(cut(reason, 500), at, at, endpointId).update();
		jdbc.sql("""
				UPDATE webhook_deliveries SET status = 'failed', locked_until = NULL, finished_at = ?,
				    last_error = coalesce(last_error, 'endpoint disabled')
				WHERE endpoint_id = ? AND status = 'pending'""").params(at, endpointId).update();
		return changed == 1;
	}

	private String write(Object value) {
		try {
			return json.writeValueAsString(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String cut(String value, int max) {
		if (value == null) {
			return null;
		}
		return value.length() <= max ? value : value.substring(0, max);
	}

}
