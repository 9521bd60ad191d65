package com.penguinmails.alerts;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * A workspace's alerts: every member sees them; reading one marks it read for the
 * workspace.
 */
@Service
public class Alerts {

	private final JdbcClient jdbc;

	private final Clock clock;

	Alerts(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public List<Alert> recent(Tenant tenant, int limit) {
		tenant.require(WorkspaceRole.VIEWER, "workspace:read");
		return jdbc.sql("""
				SELECT id, severity, title, body, link, created_at, read_at FROM alerts
				WHERE workspace_id = ? ORDER BY created_at DESC, id LIMIT ?""")
			.params(tenant.workspaceId(), limit)
			.query((rs, i) -> new Alert(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getTimestamp(6).toInstant(),
					rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant()))
			.list();
	}

	public long unread(Tenant tenant) {
		return jdbc.sql("SELECT count(*) FROM alerts WHERE workspace_id = ? AND read_at IS NULL")
			.param(tenant.workspaceId())
			.query(Long.class)
			.single();
	}

	public void markAllRead(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "workspace:read");
		jdbc.sql("UPDATE alerts SET read_at = ? WHERE workspace_id = ? AND read_at IS NULL")
			.params(Timestamp.from(clock.instant()), tenant.workspaceId())
			.update();
	}

}
