package com.penguinmails.contacts.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.contacts.Suppression;

/**
 * The SQL of {@code suppressions}: entries are found by {@code value_hash}, the SHA-256
 * of the normalised address or domain, so an erased contact's entry (value NULL) still
 * matches. Every query is scoped to the workspace given first.
 */
@Repository
public class SuppressionRepository {

	private static final String COLUMNS = "id, kind, value, reason, created_at";

	private final JdbcClient jdbc;

	SuppressionRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Adds an entry unless one with the same hash is there.
	 * @param kind {@code address} or {@code domain}
	 * @return true when added
	 */
	public boolean insert(UUID workspaceId, String kind, String value, byte[] hash, String reason, Instant at) {
		return jdbc.sql("""
				INSERT INTO suppressions (id, workspace_id, kind, value, value_hash, reason, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (workspace_id, value_hash) DO NOTHING""")
			.params(UUID.randomUUID(), workspaceId, kind, value, hash, reason, Timestamp.from(at))
			.update() == 1;
	}

	/**
	 * Keeps an address suppressed by its hash alone: a new entry with reason
	 * {@code erased}, or the existing one without its value.
	 */
	public void insertErased(UUID workspaceId, byte[] hash, Instant at) {
		jdbc.sql("""
				INSERT INTO suppressions (id, workspace_id, kind, value, value_hash, reason, created_at)
				VALUES (?, ?, 'address', NULL, ?, 'erased', ?)
				ON CONFLICT (workspace_id, value_hash) DO UPDATE SET value = NULL""")
			.params(UUID.randomUUID(), workspaceId, hash, Timestamp.from(at))
			.update();
	}

	/** The hashes among {@code hashes} that are suppressed. */
	public List<byte[]> foundHashes(UUID workspaceId, byte[][] hashes) {
		return jdbc.sql("SELECT value_hash FROM suppressions WHERE workspace_id = ? AND value_hash = ANY (?)")
			.params(workspaceId, hashes)
			.query((rs, i) -> rs.getBytes(1))
			.list();
	}

	/** Whether the hash is an erased contact's entry. */
	public boolean isErased(UUID workspaceId, byte[] hash) {
		return jdbc.sql("SELECT count(*) FROM suppressions WHERE workspace_id = ? AND value_hash = ? AND value IS NULL")
			.params(workspaceId, hash)
			.query(Long.class)
			.single() > 0;
	}

	public List<Suppression> byHash(UUID workspaceId, byte[] hash) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM suppressions WHERE workspace_id = ? AND value_hash = ?")
			.params(workspaceId, hash)
			.query(SuppressionRepository::map)
			.list();
	}

	/**
	 * Newest first: at most {@code limit} entries created before the position
	 * ({@code before}, {@code beforeId}), or from the newest when {@code before} is null.
	 */
	public List<Suppression> page(UUID workspaceId, Instant before, UUID beforeId, int limit) {
		Timestamp at = before == null ? null : Timestamp.from(before);
		return jdbc.sql("SELECT " + COLUMNS + """
				 FROM suppressions
				WHERE workspace_id = ? AND (?::timestamptz IS NULL OR (created_at, id) < (?::timestamptz, ?::uuid))
				ORDER BY created_at DESC, id DESC LIMIT ?""")
			.params(workspaceId, at, at, beforeId, limit)
			.query(SuppressionRepository::map)
			.list();
	}

	/** Deletes an entry unless it is an erased contact's; true when deleted. */
	public boolean deleteUnlessErased(UUID workspaceId, UUID id) {
		return jdbc.sql("DELETE FROM suppressions WHERE workspace_id = ? AND id = ? AND value IS NOT NULL")
			.params(workspaceId, id)
			.update() > 0;
	}

	public boolean exists(UUID workspaceId, UUID id) {
		return jdbc.sql("SELECT count(*) FROM suppressions WHERE workspace_id = ? AND id = ?")
			.params(workspaceId, id)
			.query(Long.class)
			.single() > 0;
	}

	private static Suppression map(ResultSet rs, int row) throws SQLException {
		return new Suppression(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getString("value"),
				rs.getString("reason"), rs.getTimestamp("created_at").toInstant());
	}

	/** Every entry, oldest first, one at a time. */
	public void each(UUID workspaceId, Consumer<Suppression> entry) {
		jdbc.sql("SELECT " + COLUMNS + " FROM suppressions WHERE workspace_id = ? ORDER BY created_at, id")
			.param(workspaceId)
			.query(SuppressionRepository::map)
			.list()
			.forEach(entry);
	}

}
