package com.penguinmails.alerts.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code alert_notifications} table: the durable queue of messages to channels and
 * people.
 */
@Repository
class NotificationRepository {

	/** A claimed notification: to a channel, or to one address ({@code email}). */
	record Pending(UUID id, UUID workspaceId, UUID alertId, UUID channelId, String email, int step, int attempts) {
	}

	private final JdbcClient jdbc;

	NotificationRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void enqueue(UUID workspaceId, UUID alertId, UUID channelId, String email, int step, Instant due, Instant now) {
		jdbc.sql(
				"""
						INSERT INTO alert_notifications (id, workspace_id, alert_id, channel_id, email, step, due_at, created_at)
						VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(UUID.randomUUID(), workspaceId, alertId, channelId, email, step, Timestamp.from(due),
					Timestamp.from(now))
			.update();
	}

	/**
	 * Claims up to {@code max} due notifications of any workspace: each moves one lease
	 * ahead and counts an attempt, in one statement whose rows are locked with
	 * {@code FOR UPDATE SKIP LOCKED}, so two nodes never take the same one; a node that
	 * dies mid-send leaves it to be retried when the lease ends.
	 */
	List<Pending> claim(Instant now, int max, Duration lease) {
		return jdbc.sql("""
				UPDATE alert_notifications n SET due_at = ?, attempts = n.attempts + 1
				WHERE n.id IN (SELECT id FROM alert_notifications WHERE status = 'pending' AND due_at <= ?
				               ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED)
				RETURNING n.id, n.workspace_id, n.alert_id, n.channel_id, n.email, n.step, n.attempts""")
			.params(Timestamp.from(now.plus(lease)), Timestamp.from(now), max)
			.query((rs, i) -> new Pending(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class),
					rs.getObject("alert_id", UUID.class), rs.getObject("channel_id", UUID.class), rs.getString("email"),
					rs.getInt("step"), rs.getInt("attempts")))
			.list();
	}

	void sent(UUID id, Instant now) {
		jdbc.sql("UPDATE alert_notifications SET status = 'sent', sent_at = ?, last_error = NULL WHERE id = ?")
			.params(Timestamp.from(now), id)
			.update();
	}

	void retry(UUID id, String error, Instant due) {
		jdbc.sql("UPDATE alert_notifications SET last_error = ?, due_at = ? WHERE id = ?")
			.params(error, Timestamp.from(due), id)
			.update();
	}

	void failed(UUID id, String error) {
		jdbc.sql("UPDATE alert_notifications SET status = 'failed', last_error = ? WHERE id = ?")
			.params(error, id)
			.update();
	}

	/**
	 * Whether the alert went out to a webhook channel (its acknowledgement goes there
	 * too).
	 */
	boolean sentToWebhook(UUID workspaceId, UUID alertId) {
		return jdbc.sql("""
				SELECT EXISTS (SELECT 1 FROM alert_notifications n JOIN alert_channels c ON c.id = n.channel_id
				    WHERE n.workspace_id = ? AND n.alert_id = ? AND c.kind = 'webhook' AND n.status = 'sent')""")
			.params(workspaceId, alertId)
			.query(Boolean.class)
			.single();
	}

}
