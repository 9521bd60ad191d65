package com.penguinmails.reputation.internal.postmaster;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.shared.StoredValue;

/**
 * The {@code postmaster_connections} table: one row per workspace and provider. Every
 * query takes the workspace first, except the scheduler's claim, which spans workspaces.
 */
@Repository
public class ConnectionStore {

	private final JdbcClient jdbc;

	ConnectionStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Saves a fresh connection (replacing an old one), due for a pull now. */
	public void save(UUID workspaceId, Provider provider, String account, byte[] secret, byte[] accessToken,
			Instant accessExpiresAt, Instant now) {
		jdbc.sql("""
				INSERT INTO postmaster_connections (workspace_id, provider, account, secret, access_token,
				    access_expires_at, status, message, connected_at, last_pulled_at, next_pull_at)
				VALUES (?, ?, ?, ?, ?, ?, 'connected', NULL, ?, NULL, ?)
				ON CONFLICT (workspace_id, provider) DO UPDATE SET account = excluded.account,
				    secret = excluded.secret, access_token = excluded.access_token,
				    access_expires_at = excluded.access_expires_at, status = 'connected', message = NULL,
				    connected_at = excluded.connected_at, next_pull_at = excluded.next_pull_at,
				    pulling_until = NULL""")
			.params(workspaceId, provider.value(), account, secret, accessToken, ts(accessExpiresAt), ts(now), ts(now))
			.update();
	}

	public Optional<Connection> find(UUID workspaceId, Provider provider) {
		return jdbc.sql("SELECT * FROM postmaster_connections WHERE workspace_id = ? AND provider = ?")
			.params(workspaceId, provider.value())
			.query(ConnectionStore::map)
			.optional();
	}

	public List<Connection> all(UUID workspaceId) {
		return jdbc.sql("SELECT * FROM postmaster_connections WHERE workspace_id = ? ORDER BY provider")
			.param(workspaceId)
			.query(ConnectionStore::map)
			.list();
	}

	/** Removes the connection; returns whether there was one. */
	public boolean delete(UUID workspaceId, Provider provider) {
		return jdbc.sql("DELETE FROM postmaster_connections WHERE workspace_id = ? AND provider = ?")
			.params(workspaceId, provider.value())
			.update() > 0;
	}

	/** Keeps a refreshed Google access token. */
	public void saveAccessToken(UUID workspaceId, byte[] accessToken, Instant expiresAt) {
		jdbc.sql("""
				UPDATE postmaster_connections SET access_token = ?, access_expires_at = ?
				WHERE workspace_id = ? AND provider = 'google'""")
			.params(accessToken, ts(expiresAt), workspaceId)
			.update();
	}

	/** Records how a pull ended and when the next one is due. */
	public void pulled(UUID workspaceId, Provider provider, ConnectionStatus status, String message, Instant now,
			Instant next) {
		jdbc.sql("""
				UPDATE postmaster_connections SET status = ?, message = ?, next_pull_at = ?, pulling_until = NULL,
				    last_pulled_at = CASE WHEN ? = 'connected' THEN ? ELSE last_pulled_at END
				WHERE workspace_id = ? AND provider = ?""")
			.params(status.value(), message, ts(next), status.value(), ts(now), workspaceId, provider.value())
			.update();
	}

	/**
	 * Claims up to {@code limit} connections due at {@code now} (not expired, not being
	 * pulled) for this node: {@code FOR UPDATE SKIP LOCKED} so concurrent nodes take
	 * different rows, and a lease ({@code pulling_until}) so a node that dies only delays
	 * the pull until the lease ends.
	 */
	public List<Connection> claimDue(Instant now, Duration lease, int limit) {
		return jdbc.sql("""
				UPDATE postmaster_connections c SET pulling_until = ?
				FROM (SELECT workspace_id, provider FROM postmaster_connections
				      WHERE next_pull_at <= ? AND status <> 'expired'
				        AND (pulling_until IS NULL OR pulling_until <= ?)
				      ORDER BY next_pull_at LIMIT ? FOR UPDATE SKIP LOCKED) due
				WHERE c.workspace_id = due.workspace_id AND c.provider = due.provider
				RETURNING c.*""")
			.params(ts(now.plus(lease)), ts(now), ts(now), limit)
			.query(ConnectionStore::map)
			.list();
	}

	/**
	 * Claims one workspace's connection for a pull on demand, unless a node is pulling it
	 * (its lease runs, or {@code SKIP LOCKED}): empty when there is none or it is being
	 * pulled.
	 */
	public Optional<Connection> claim(UUID workspaceId, Provider provider, Instant now, Duration lease) {
		return jdbc.sql("""
				UPDATE postmaster_connections c SET pulling_until = ?
				FROM (SELECT workspace_id, provider FROM postmaster_connections
				      WHERE workspace_id = ? AND provider = ? AND (pulling_until IS NULL OR pulling_until <= ?)
				      FOR UPDATE SKIP LOCKED) one
				WHERE c.workspace_id = one.workspace_id AND c.provider = one.provider
				RETURNING c.*""")
			.params(ts(now.plus(lease)), workspaceId, provider.value(), ts(now))
			.query(ConnectionStore::map)
			.optional();
	}

	private static Connection map(ResultSet rs, int row) throws SQLException {
		return new Connection(rs.getObject("workspace_id", UUID.class),
				StoredValue.of(Provider.class, rs.getString("provider")), rs.getString("account"),
				rs.getBytes("secret"), rs.getBytes("access_token"), instant(rs, "access_expires_at"),
				StoredValue.of(ConnectionStatus.class, rs.getString("status")), rs.getString("message"),
				instant(rs, "connected_at"), instant(rs, "last_pulled_at"), instant(rs, "next_pull_at"));
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}

	static Timestamp ts(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

}
