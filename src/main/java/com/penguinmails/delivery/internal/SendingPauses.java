package com.penguinmails.delivery.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of {@link com.penguinmails.delivery.SendingSwitch}: one row in
 * {@code sending_pauses} per paused workspace (the dispatcher's claim skips them).
 */
@Repository
public class SendingPauses {

	private final JdbcClient jdbc;

	SendingPauses(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Pauses the workspace's sending; pausing again keeps the first time and user. */
	public void pause(UUID workspaceId, UUID userId, Instant at) {
		jdbc.sql("""
				INSERT INTO sending_pauses (workspace_id, paused_at, paused_by) VALUES (?, ?, ?)
				ON CONFLICT (workspace_id) DO NOTHING""").params(workspaceId, Timestamp.from(at), userId).update();
	}

	public void resume(UUID workspaceId) {
		jdbc.sql("DELETE FROM sending_pauses WHERE workspace_id = ?").param(workspaceId).update();
	}

	/** When the workspace's sending was paused; empty while it runs. */
	public Optional<Instant> pausedAt(UUID workspaceId) {
		return jdbc.sql("SELECT paused_at FROM sending_pauses WHERE workspace_id = ?")
			.param(workspaceId)
			.query(Timestamp.class)
			.optional()
			.map(Timestamp::toInstant);
	}

}
