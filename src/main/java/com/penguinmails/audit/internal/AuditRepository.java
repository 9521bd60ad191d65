package com.penguinmails.audit.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.audit.AuditEvent;
import com.penguinmails.identity.SecurityEvent;

/**
 * Inserts into, and reads, {@code audit_events}; the table refuses updates and deletes.
 */
@Repository
public class AuditRepository {

	private final JdbcClient jdbc;

	AuditRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void append(SecurityEvent event) {
		for (UUID workspaceId : event.workspaceIds()) {
			append(workspaceId, event.actorUserId(), event.actor(), event.action(), event.target(), event.ip(),
					event.occurredAt());
		}
	}

	/** One entry, in the caller's transaction. */
	public void append(UUID workspaceId, UUID actorUserId, String actor, String action, String target, String ip,
			Instant occurredAt) {
		jdbc.sql("""
				INSERT INTO audit_events (workspace_id, actor_user_id, actor, action, target, ip, occurred_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)""")
			.params(workspaceId, actorUserId, limit(actor, 320), action, limit(target, 400), limit(ip, 64),
					Timestamp.from(occurredAt))
			.update();
	}

	/** Newest first, strictly older than {@code beforeId} when given. */
	public List<AuditEvent> page(UUID workspaceId, Long beforeId, int limit) {
		return jdbc.sql("""
				SELECT id, action, actor_user_id, actor, target, ip, occurred_at FROM audit_events
				WHERE workspace_id = ? AND (?::bigint IS NULL OR id < ?::bigint) ORDER BY id DESC LIMIT ?""")
			.params(workspaceId, beforeId, beforeId, limit)
			.query((rs, i) -> new AuditEvent(rs.getLong(1), rs.getString(2), rs.getObject(3, UUID.class),
					rs.getString(4), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()))
			.list();
	}

	public Optional<AuditEvent> find(UUID workspaceId, long id) {
		return jdbc.sql("""
				SELECT id, action, actor_user_id, actor, target, ip, occurred_at FROM audit_events
				WHERE workspace_id = ? AND id = ?""")
			.params(workspaceId, id)
			.query((rs, i) -> new AuditEvent(rs.getLong(1), rs.getString(2), rs.getObject(3, UUID.class),
					rs.getString(4), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()))
			.optional();
	}

	private static String limit(String value, int max) {
		if (value == null) {
			return "";
		}
		return value.length() > max ? value.substring(0, max) : value;
	}

}
