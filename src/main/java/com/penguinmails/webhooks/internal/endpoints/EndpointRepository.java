package com.penguinmails.webhooks.internal.endpoints;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.shared.Secrets;
import com.penguinmails.shared.StoredValue;
import com.penguinmails.webhooks.EndpointKind;
import com.penguinmails.webhooks.WebhookEndpoint;

/**
 * The SQL of webhook endpoints and their signing secrets; every query takes the workspace
 * id first. Secrets are encrypted with {@link Secrets} under the context
 * {@code "webhook-secret:" + secretId}, so a ciphertext copied to another row does not
 * decrypt.
 */
@Repository
public class EndpointRepository {

	/**
	 * A signing secret that still signs: its plaintext, for the senders only.
	 *
	 * @param id the secret's id
	 * @param kind {@code hmac} ({@code whsec_…}) or {@code ed25519} (the PKCS#8 private
	 * key, base64)
	 * @param secret the plaintext
	 * @param publicKey the ed25519 public key ({@code whpk_…}); null for hmac
	 * @param expiresAt when a rotated-out secret stops signing; null for the current one
	 */
	public record LiveSecret(UUID id, SecretKind kind, String secret, String publicKey, Instant expiresAt) {
	}

	/** An endpoint's fields as written. */
	public record Fields(String url, String description, List<String> eventTypes, String filter, String transform) {
	}

	private static final String SELECT = """
			SELECT e.*,
			    (SELECT s.hint FROM webhook_endpoint_secrets s WHERE s.endpoint_id = e.id AND s.kind = 'hmac'
			        AND s.expires_at IS NULL ORDER BY s.created_at DESC LIMIT 1) AS secret_hint,
			    (SELECT s.public_key FROM webhook_endpoint_secrets s WHERE s.endpoint_id = e.id AND s.kind = 'ed25519'
			        AND s.expires_at IS NULL ORDER BY s.created_at DESC LIMIT 1) AS current_public_key,
			    (SELECT max(s.expires_at) FROM webhook_endpoint_secrets s WHERE s.endpoint_id = e.id
			        AND s.expires_at > now()) AS previous_secret_expires_at
			FROM webhook_endpoints e
			""";

	private final JdbcClient jdbc;

	private final Secrets secrets;

	EndpointRepository(JdbcClient jdbc, Secrets secrets) {
		this.jdbc = jdbc;
		this.secrets = secrets;
	}

	public int count(UUID workspaceId) {
		return jdbc.sql("SELECT count(*) FROM webhook_endpoints WHERE workspace_id = ?")
			.param(workspaceId)
			.query(Integer.class)
			.single();
	}

	public void insert(UUID workspaceId, UUID id, EndpointKind kind, Fields fields, UUID createdBy, Instant now) {
		jdbc.sql("""
				INSERT INTO webhook_endpoints (id, workspace_id, kind, url, description, event_types, filter, transform,
				    created_by, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, workspaceId, kind.value(), fields.url(), fields.description(),
					fields.eventTypes().toArray(String[]::new), fields.filter(), fields.transform(), createdBy,
					Timestamp.from(now), Timestamp.from(now))
			.update();
	}

	/** The workspace's endpoints of a kind (every kind when null), oldest first. */
	public List<WebhookEndpoint> list(UUID workspaceId, EndpointKind kind) {
		return jdbc
			.sql(SELECT + " WHERE e.workspace_id = ? AND (CAST(? AS text) IS NULL OR e.kind = ?)"
					+ " ORDER BY e.created_at, e.id")
			.params(workspaceId, kind == null ? null : kind.value(), kind == null ? null : kind.value())
			.query(EndpointRepository::endpoint)
			.list();
	}

	public Optional<WebhookEndpoint> find(UUID workspaceId, UUID id) {
		return jdbc.sql(SELECT + " WHERE e.workspace_id = ? AND e.id = ?")
			.params(workspaceId, id)
			.query(EndpointRepository::endpoint)
			.optional();
	}

	public void update(UUID workspaceId, UUID id, Fields fields, Instant now) {
		jdbc.sql("""
				UPDATE webhook_endpoints SET url = ?, description = ?, event_types = ?, filter = ?, transform = ?,
				    updated_at = ?
				WHERE workspace_id = ? AND id = ?""")
			.params(fields.url(), fields.description(), fields.eventTypes().toArray(String[]::new), fields.filter(),
					fields.transform(), Timestamp.from(now), workspaceId, id)
			.update();
	}

	/** Deletes an endpoint (of that kind when given); its deliveries and log go too. */
	public boolean delete(UUID workspaceId, UUID id, EndpointKind kind) {
		return jdbc
			.sql("DELETE FROM webhook_endpoints WHERE workspace_id = ? AND id = ? AND (CAST(? AS text) IS NULL"
					+ " OR kind = ?)")
			.params(workspaceId, id, kind == null ? null : kind.value(), kind == null ? null : kind.value())
			.update() == 1;
	}

	/** Enables (clearing why and since when it failed) or disables with a reason. */
	public void setEnabled(UUID workspaceId, UUID id, boolean enabled, String reason, Instant now) {
		jdbc.sql("""
				UPDATE webhook_endpoints SET enabled = ?, disabled_reason = ?, disabled_at = ?,
				    failing_since = CASE WHEN ? THEN NULL ELSE failing_since END, updated_at = ?
				WHERE workspace_id = ? AND id = ?""")
			.params(enabled, enabled ? null : reason, enabled ? null : Timestamp.from(now), enabled,
					Timestamp.from(now), workspaceId, id)
			.update();
	}

	/** Stores a new current secret, encrypted; returns its id. */
	public UUID addSecret(UUID endpointId, SecretKind kind, String plaintext, String publicKey, String hint,
			Instant now) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				INSERT INTO webhook_endpoint_secrets (id, endpoint_id, kind, secret, public_key, hint, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)""")
			.params(id, endpointId, kind.value(), secrets.encrypt(plaintext, context(id)), publicKey, hint,
					Timestamp.from(now))
			.update();
		return id;
	}

	/**
	 * Makes the live secrets of a kind (every kind when null) stop signing at
	 * {@code expiresAt} (kept earlier when already earlier), and forgets those expired
	 * before {@code now}.
	 */
	public void expire(UUID endpointId, SecretKind kind, Instant expiresAt, Instant now) {
		jdbc.sql("""
				UPDATE webhook_endpoint_secrets SET expires_at = ?
				WHERE endpoint_id = ? AND (CAST(? AS text) IS NULL OR kind = ?)
				    AND (expires_at IS NULL OR expires_at > ?)""")
			.params(Timestamp.from(expiresAt), endpointId, kind == null ? null : kind.value(),
					kind == null ? null : kind.value(), Timestamp.from(expiresAt))
			.update();
		jdbc.sql("DELETE FROM webhook_endpoint_secrets WHERE endpoint_id = ? AND expires_at < ?")
			.params(endpointId, Timestamp.from(now))
			.update();
	}

	/**
	 * The secrets of an endpoint that sign at {@code now} (the current ones and those
	 * rotated out but not yet expired), newest first, decrypted: what the senders sign
	 * with (Standard Webhooks: one signature per secret in {@code webhook-signature}).
	 */
	public List<LiveSecret> liveSecrets(UUID workspaceId, UUID endpointId, Instant now) {
		return jdbc.sql("""
				SELECT s.* FROM webhook_endpoint_secrets s JOIN webhook_endpoints e ON e.id = s.endpoint_id
				WHERE e.workspace_id = ? AND s.endpoint_id = ? AND (s.expires_at IS NULL OR s.expires_at > ?)
				ORDER BY s.created_at DESC""").params(workspaceId, endpointId, Timestamp.from(now)).query((rs, i) -> {
			UUID id = rs.getObject("id", UUID.class);
			Timestamp expires = rs.getTimestamp("expires_at");
			return new LiveSecret(id, StoredValue.of(SecretKind.class, rs.getString("kind")),
					secrets.decrypt(rs.getBytes("secret"), context(id)), rs.getString("public_key"),
					expires == null ? null : expires.toInstant());
		}).list();
	}

	/** The payloads of the workspace's latest stored events of a type, newest first. */
	public List<String> recentPayloads(UUID workspaceId, String type, int max) {
		return jdbc.sql("""
				SELECT payload::text FROM webhook_events WHERE workspace_id = ? AND type = ?
				ORDER BY created_at DESC LIMIT ?""").params(workspaceId, type, max).query(String.class).list();
	}

	private static String context(UUID secretId) {
		return "webhook-secret:" + secretId;
	}

	private static WebhookEndpoint endpoint(ResultSet rs, int row) throws SQLException {
		return new WebhookEndpoint(rs.getObject("id", UUID.class),
				StoredValue.of(EndpointKind.class, rs.getString("kind")), rs.getString("url"),
				rs.getString("description"), Arrays.asList((String[]) rs.getArray("event_types").getArray()),
				rs.getString("filter"), rs.getString("transform"), rs.getBoolean("enabled"),
				rs.getString("disabled_reason"), instant(rs.getTimestamp("disabled_at")),
				instant(rs.getTimestamp("failing_since")), rs.getString("secret_hint"),
				rs.getString("current_public_key"), instant(rs.getTimestamp("created_at")),
				instant(rs.getTimestamp("updated_at")), instant(rs.getTimestamp("previous_secret_expires_at")));
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
