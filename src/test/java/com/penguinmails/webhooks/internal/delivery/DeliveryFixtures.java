package com.penguinmails.webhooks.internal.delivery;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.penguinmails.shared.Secrets;
import com.penguinmails.webhooks.internal.CatalogueEvent;
import com.penguinmails.webhooks.internal.WebhookEventLog;

/**
 * Endpoints with secrets (as the endpoints part stores them: encrypted under
 * {@code webhook-secret:<id>}) and events appended through the real event log, for the
 * delivery tests.
 */
@Component
class DeliveryFixtures {

	private final JdbcClient jdbc;

	private final Secrets secrets;

	private final WebhookEventLog events;

	private final ObjectMapper json;

	DeliveryFixtures(JdbcClient jdbc, Secrets secrets, WebhookEventLog events, ObjectMapper json) {
		this.jdbc = jdbc;
		this.secrets = secrets;
		this.events = events;
		this.json = json;
	}

	/** A new whsec_ secret: 24 random bytes. */
	static String whsec() {
		byte[] key = new byte[24];
		new SecureRandom().nextBytes(key);
		return "whsec_" + Base64.getEncoder().encodeToString(key);
	}

	/** An enabled endpoint for every type with one HMAC secret. */
	UUID endpoint(UUID workspace, String url, String whsec) {
		UUID id = UUID.randomUUID();
		Timestamp now = Timestamp.from(Instant.now());
		jdbc.sql("""
				INSERT INTO webhook_endpoints (id, workspace_id, url, event_types, created_at, updated_at)
				VALUES (?, ?, ?, ARRAY['*'], ?, ?)""").params(id, workspace, url, now, now).update();
		if (whsec != null) {
			secret(id, "hmac", whsec, null, null);
		}
		return id;
	}

	/** Adds a secret; {@code expiresAt} null: live until rotated. */
	void secret(UUID endpoint, String kind, String secret, String publicKey, Instant expiresAt) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				INSERT INTO webhook_endpoint_secrets (id, endpoint_id, kind, secret, public_key, created_at, expires_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)""")
			.params(id, endpoint, kind, secrets.encrypt(secret, "webhook-secret:" + id), publicKey,
					Timestamp.from(Instant.now()), expiresAt == null ? null : Timestamp.from(expiresAt))
			.update();
	}

	/** Appends an event of {@code type}; returns its id (the webhook-id). */
	UUID event(UUID workspace, String type, String orderingKey) {
		return event(workspace, type, orderingKey, Instant.now());
	}

	/** Appends an event of {@code type} that occurred at {@code occurredAt}. */
	UUID event(UUID workspace, String type, String orderingKey, Instant occurredAt) {
		return events
			.append(new CatalogueEvent(workspace, type, type + ":" + UUID.randomUUID(), orderingKey, occurredAt,
					json.createObjectNode().put("workspace_id", workspace.toString())))
			.orElseThrow();
	}

	UUID delivery(UUID event) {
		return jdbc.sql("SELECT id FROM webhook_deliveries WHERE event_id = ?").param(event).query(UUID.class).single();
	}

	String status(UUID delivery) {
		return jdbc.sql("SELECT status FROM webhook_deliveries WHERE id = ?")
			.param(delivery)
			.query(String.class)
			.single();
	}

	Instant nextAttemptAt(UUID delivery) {
		return jdbc.sql("SELECT next_attempt_at FROM webhook_deliveries WHERE id = ?")
			.param(delivery)
			.query(Timestamp.class)
			.single()
			.toInstant();
	}

	/** The delivery's attempts' errors (null for an answered one), oldest first. */
	List<String> errors(UUID delivery) {
		return jdbc
			.sql("SELECT coalesce(error, 'HTTP ' || status_code) FROM webhook_attempts WHERE delivery_id = ? "
					+ "ORDER BY attempted_at, attempt")
			.param(delivery)
			.query(String.class)
			.list();
	}

	JdbcClient jdbc() {
		return jdbc;
	}

}
