package com.penguinmails.alerts.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.alerts.Alert;
import com.penguinmails.alerts.AlertEvent;

/**
 * The {@code alerts} table and each alert's timeline ({@code alert_events}); every query
 * takes the workspace id first.
 */
@Repository
public class AlertRepository {

	private static final String COLUMNS = """
			id, type, severity, title, body, link, created_at, read_at, status, acknowledged_at, acknowledged_by,
			resolved_at, resolved_by, escalation_step""";

	private final JdbcClient jdbc;

	AlertRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The workspace's latest {@code limit} alerts, newest first. */
	public List<Alert> recent(UUID workspaceId, int limit) {
		return jdbc
			.sql("SELECT " + COLUMNS + " FROM alerts WHERE workspace_id = ? ORDER BY created_at DESC, id LIMIT ?")
			.params(workspaceId, limit)
			.query((rs, i) -> alert(rs))
			.list();
	}

	/** One alert of the workspace. */
	public Optional<Alert> find(UUID workspaceId, UUID id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM alerts WHERE workspace_id = ? AND id = ?")
			.params(workspaceId, id)
			.query((rs, i) -> alert(rs))
			.optional();
	}

	/**
	 * The workspace an alert belongs to (for a signed link, which names only the alert).
	 */
	public Optional<UUID> workspaceOf(UUID id) {
		return jdbc.sql("SELECT workspace_id FROM alerts WHERE id = ?").param(id).query(UUID.class).optional();
	}

	/** The alert's timeline, oldest first. */
	public List<AlertEvent> timeline(UUID workspaceId, UUID alertId) {
		return jdbc
			.sql("SELECT kind, detail, at FROM alert_events WHERE workspace_id = ? AND alert_id = ? ORDER BY at, id")
			.params(workspaceId, alertId)
			.query((rs, i) -> new AlertEvent(rs.getString("kind"), rs.getString("detail"),
					rs.getTimestamp("at").toInstant()))
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

	/**
	 * Acknowledges an open alert and stops its escalation.
	 * @return whether it was open (false: already acknowledged or resolved)
	 */
	public boolean acknowledge(UUID workspaceId, UUID id, String by, Instant now) {
		return jdbc.sql("""
				UPDATE alerts SET status = 'acknowledged', acknowledged_at = ?, acknowledged_by = ?,
				    next_escalation_at = NULL
				WHERE workspace_id = ? AND id = ? AND status = 'open'""")
			.params(Timestamp.from(now), by, workspaceId, id)
			.update() == 1;
	}

	/**
	 * Resolves an alert that is not resolved yet, and stops its escalation.
	 * @return whether it was open or acknowledged
	 */
	public boolean resolve(UUID workspaceId, UUID id, String by, Instant now) {
		return jdbc.sql("""
				UPDATE alerts SET status = 'resolved', resolved_at = ?, resolved_by = ?, next_escalation_at = NULL
				WHERE workspace_id = ? AND id = ? AND status <> 'resolved'""")
			.params(Timestamp.from(now), by, workspaceId, id)
			.update() == 1;
	}

	/** Appends one entry to the alert's timeline. */
	public void event(UUID workspaceId, UUID alertId, String kind, String detail, Instant at) {
		jdbc.sql("INSERT INTO alert_events (workspace_id, alert_id, kind, detail, at) VALUES (?, ?, ?, ?, ?)")
			.params(workspaceId, alertId, kind, detail, Timestamp.from(at))
			.update();
	}

	UUID insert(UUID workspaceId, String type, String severity, String title, String body, String path, Instant now) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				INSERT INTO alerts (id, workspace_id, type, severity, title, body, link, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, workspaceId, type, severity, title, body, path, Timestamp.from(now))
			.update();
		return id;
	}

	/**
	 * Puts a new alert on an escalation policy at step 1, the next step due at
	 * {@code next}.
	 */
	void startEscalation(UUID workspaceId, UUID id, UUID policyId, Instant next) {
		jdbc.sql("""
				UPDATE alerts SET escalation_policy_id = ?, escalation_step = 1, next_escalation_at = ?
				WHERE workspace_id = ? AND id = ?""")
			.params(policyId, next == null ? null : Timestamp.from(next), workspaceId, id)
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

	static Alert alert(ResultSet rs) throws SQLException {
		return new Alert(rs.getObject("id", UUID.class), rs.getString("type"), rs.getString("severity"),
				rs.getString("title"), rs.getString("body"), rs.getString("link"), instant(rs, "created_at"),
				instant(rs, "read_at"), rs.getString("status"), instant(rs, "acknowledged_at"),
				rs.getString("acknowledged_by"), instant(rs, "resolved_at"), rs.getString("resolved_by"),
				rs.getInt("escalation_step"));
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}

}
