package com.penguinmails.inbound.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the providers' webhooks: each workspace's URL token and credentials, the
 * Mailgun tokens already seen, and every event received. Secrets stay encrypted here.
 */
@Repository
public class ProviderWebhookStore {

	/** A workspace's webhook settings, secrets encrypted. */
	public record Settings(UUID workspaceId, String token, String postmarkUsername, byte[] postmarkPassword,
			byte[] mailgunSigningKey) {
	}

	private final JdbcClient jdbc;

	ProviderWebhookStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Settings> of(UUID workspaceId) {
		return jdbc.sql("SELECT * FROM provider_webhooks WHERE workspace_id = ?")
			.param(workspaceId)
			.query((rs, i) -> new Settings(rs.getObject("workspace_id", UUID.class), rs.getString("token"),
					rs.getString("postmark_username"), rs.getBytes("postmark_password"),
					rs.getBytes("mailgun_signing_key")))
			.optional();
	}

	public Optional<Settings> byToken(String token) {
		return jdbc.sql("SELECT workspace_id FROM provider_webhooks WHERE token = ?")
			.param(token)
			.query(UUID.class)
			.optional()
			.flatMap(this::of);
	}

	/** Creates the workspace's settings unless it has them; true when created. */
	public boolean create(UUID workspaceId, String token, String postmarkUsername, byte[] postmarkPassword,
			Instant now) {
		return jdbc.sql("""
				INSERT INTO provider_webhooks (workspace_id, token, postmark_username, postmark_password, created_at)
				VALUES (?, ?, ?, ?, ?) ON CONFLICT (workspace_id) DO NOTHING""")
			.params(workspaceId, token, postmarkUsername, postmarkPassword, Timestamp.from(now))
			.update() == 1;
	}

	public void setPostmark(UUID workspaceId, String username, byte[] password) {
		jdbc.sql("UPDATE provider_webhooks SET postmark_username = ?, postmark_password = ? WHERE workspace_id = ?")
			.params(username, password, workspaceId)
			.update();
	}

	public void setMailgunKey(UUID workspaceId, byte[] key) {
		jdbc.sql("UPDATE provider_webhooks SET mailgun_signing_key = ? WHERE workspace_id = ?")
			.params(key, workspaceId)
			.update();
	}

	/** Records a signature token; false when it was seen before (a replay). */
	public boolean firstUse(String provider, String nonce, UUID workspaceId, Instant now) {
		return jdbc.sql("""
				INSERT INTO provider_webhook_nonces (provider, nonce, workspace_id, seen_at) VALUES (?, ?, ?, ?)
				ON CONFLICT DO NOTHING""").params(provider, nonce, workspaceId, Timestamp.from(now)).update() == 1;
	}

	/**
	 * Forgets tokens older than the replay window: a replay that old fails its timestamp.
	 */
	public void forgetNonces(Instant before) {
		jdbc.sql("DELETE FROM provider_webhook_nonces WHERE seen_at < ?").param(Timestamp.from(before)).update();
	}

	/**
	 * Stores a received event; false when the provider sent this event (by its key)
	 * before.
	 */
	public boolean event(UUID id, UUID workspaceId, String provider, String event, String key, String providerMessageId,
			UUID outboxId, String outcome, String detail, String body, Instant now) {
		return jdbc
			.sql("""
					INSERT INTO provider_events (id, workspace_id, provider, event, event_key, provider_message_id, outbox_id,
					    outcome, detail, body, received_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
					ON CONFLICT DO NOTHING""")
			.params(id, workspaceId, provider, event, cut(key, 300), cut(providerMessageId, 300), outboxId, outcome,
					cut(detail, 1000), body, Timestamp.from(now))
			.update() == 1;
	}

	/** An event as listed: when, from whom, what and what became of it. */
	public record Event(Instant receivedAt, String provider, String event, String outcome, String detail,
			UUID outboxId) {
	}

	/** The workspace's latest events, newest first. */
	public java.util.List<Event> recent(UUID workspaceId, int limit) {
		return jdbc.sql("""
				SELECT received_at, provider, event, outcome, detail, outbox_id FROM provider_events
				WHERE workspace_id = ? ORDER BY received_at DESC LIMIT ?""")
			.params(workspaceId, limit)
			.query((rs, i) -> new Event(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
					rs.getString(4), rs.getString(5), rs.getObject(6, UUID.class)))
			.list();
	}

	public void outcome(UUID id, String outcome, String detail) {
		jdbc.sql("UPDATE provider_events SET outcome = ?, detail = ? WHERE id = ?")
			.params(outcome, cut(detail, 1000), id)
			.update();
	}

	/** Whether this provider's event (by its key) is stored already. */
	public boolean known(UUID workspaceId, String provider, String key) {
		return jdbc
			.sql("SELECT EXISTS (SELECT 1 FROM provider_events WHERE workspace_id = ? AND provider = ? "
					+ "AND event_key = ?)")
			.params(workspaceId, provider, cut(key, 300))
			.query(Boolean.class)
			.single();
	}

	/** Says on a stored event that reconciliation found it, not the webhook. */
	public void foundByReconciliation(UUID workspaceId, String provider, String key) {
		jdbc.sql(
				"""
						UPDATE provider_events SET detail = left('Found by reconciliation (no webhook said it): ' || detail, 1000)
						WHERE workspace_id = ? AND provider = ? AND event_key = ?""")
			.params(workspaceId, provider, cut(key, 300))
			.update();
	}

	/** Whether a bounce of this message is stored already (from a DSN or a provider). */
	public boolean bounced(UUID workspaceId, UUID outboxId) {
		return jdbc
			.sql("SELECT EXISTS (SELECT 1 FROM inbound_messages WHERE workspace_id = ? AND outbox_id = ? "
					+ "AND kind = 'bounce')")
			.params(workspaceId, outboxId)
			.query(Boolean.class)
			.single();
	}

	/** Which provider reported a bounce of this message, if one did. */
	public Optional<String> providerBounce(UUID workspaceId, UUID outboxId) {
		return jdbc.sql("""
				SELECT substring(folder FROM 10) FROM inbound_messages
				WHERE workspace_id = ? AND outbox_id = ? AND kind = 'bounce' AND folder LIKE 'provider:%' LIMIT 1""")
			.params(workspaceId, outboxId)
			.query(String.class)
			.optional();
	}

	private static String cut(String value, int max) {
		return value == null || value.length() <= max ? value : value.substring(0, max);
	}

}
