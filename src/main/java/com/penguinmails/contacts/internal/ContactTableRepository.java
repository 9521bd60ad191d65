package com.penguinmails.contacts.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the contacts table shows around the rows: the columns a member chose
 * ({@code contact_table_columns}, V43), the tags in use and the segments' names.
 */
@Repository
public class ContactTableRepository {

	private final JdbcClient jdbc;

	ContactTableRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The member's chosen column keys, comma separated, or empty when none was saved. */
	public Optional<String> columns(UUID workspaceId, UUID userId) {
		return jdbc.sql("SELECT columns FROM contact_table_columns WHERE workspace_id = ? AND user_id = ?")
			.params(workspaceId, userId)
			.query(String.class)
			.optional();
	}

	/** Saves (replaces) the member's chosen column keys. */
	public void saveColumns(UUID workspaceId, UUID userId, String columns, Instant now) {
		jdbc.sql("""
				INSERT INTO contact_table_columns (workspace_id, user_id, columns, updated_at) VALUES (?, ?, ?, ?)
				ON CONFLICT (workspace_id, user_id) DO UPDATE SET columns = excluded.columns,
				    updated_at = excluded.updated_at""")
			.params(workspaceId, userId, columns, Timestamp.from(now))
			.update();
	}

	/**
	 * The distinct tags of the workspace's contacts, alphabetical, at most {@code limit}.
	 * It reads every contact: callers cache it.
	 */
	public List<String> tagsInUse(UUID workspaceId, int limit) {
		return jdbc.sql("""
				SELECT DISTINCT t FROM contacts c CROSS JOIN LATERAL unnest(c.tags) t
				WHERE c.workspace_id = ? ORDER BY t LIMIT ?""").params(workspaceId, limit).query(String.class).list();
	}

	/** Id → name of the workspace's segments, by name (no counts: cheap). */
	public Map<UUID, String> segmentNames(UUID workspaceId) {
		Map<UUID, String> names = new LinkedHashMap<>();
		jdbc.sql("SELECT id, name FROM segments WHERE workspace_id = ? ORDER BY name")
			.param(workspaceId)
			.query((rs, i) -> names.put(rs.getObject("id", UUID.class), rs.getString("name")))
			.list();
		return names;
	}

}
