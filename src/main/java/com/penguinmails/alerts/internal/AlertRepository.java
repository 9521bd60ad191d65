package com.penguinmails.alerts.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.alerts.Alert;

/** The {@code alerts} table; every query takes the workspace id first. */
@Repository
public class AlertRepository {

	private final JdbcClient jdbc;

	AlertRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The workspace's latest {@code limit} alerts, newest first. */
	public List<Alert> recent(UUID workspaceId, int limit) {
		return jdbc.sql("""
				SELECT id, severity, title, body, link, created_at, read_at FROM alerts
				WHERE workspace_id = ? ORDER BY created_at DESC, id LIMIT ?""")
			.params(workspaceId, limit)
			.query((rs, i) -> new Alert(rs.getObject("id", UUID.class), rs.getString("severity"), rs.getString("title"),
					rs.getString("body"), rs.getString("link"), rs.getTimestamp("created_at").toInstant(),
					rs.getTimestamp("read_at") == null ? null : rs.getTimestamp("read_at").toInstant()))
			.list();
	}

	public long unread(UUID workspaceId) {
		return jdbc.sql("SELECT count(*) FROM alerts WHERE workspace_id = ? AND read_at IS NULL")
			.param(workspaceId)
			.query(Long.class)
			.single();
	}

	public void markAllRead(UUID workspaceId, Instant now) {
		jdbc.sql("UPDATE alerts SET read_at = ? WHERE workspace_id = ? AND read_at IS NULL")
			.params(Timestamp.from(now), workspaceId)
			.update();
	}

	void insert(UUID workspaceId, String severity, String title, String body, String path, Instant now) {
		jdbc.sql("""
				INSERT INTO alerts (id, workspace_id, severity, title, body, link, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)""")
			.params(UUID.randomUUID(), workspaceId, severity, title, body, path, Timestamp.from(now))
			.update();
	}

	/**
	 * Whether an alert with this title was raised in the workspace after {@code since}.
	 */
	boolean raisedSince(UUID workspaceId, String title, Instant since) {
		return jdbc.sql("SELECT count(*) FROM alerts WHERE workspace_id = ? AND title = ? AND created_at > ?")
			.params(workspaceId, title, Timestamp.from(since))
			.query(Long.class)
			.single() > 0;
	}

}
