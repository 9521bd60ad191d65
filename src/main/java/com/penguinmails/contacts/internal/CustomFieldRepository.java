package com.penguinmails.contacts.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of {@code contact_custom_fields} (key → type) and of removing a field's values
 * from {@code contacts.custom}. Every query is scoped to the workspace given first.
 */
@Repository
public class CustomFieldRepository {

	private final JdbcClient jdbc;

	CustomFieldRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @throws org.springframework.dao.DuplicateKeyException when the key is defined
	 */
	public void insert(UUID workspaceId, String key, String type, Instant at) {
		jdbc.sql("INSERT INTO contact_custom_fields (workspace_id, key, type, created_at) VALUES (?, ?, ?, ?)")
			.params(workspaceId, key, type, Timestamp.from(at))
			.update();
	}

	/** Defines {@code key} as a text field unless it is defined. */
	public void insertTextIfAbsent(UUID workspaceId, String key, Instant at) {
		jdbc.sql("""
				INSERT INTO contact_custom_fields (workspace_id, key, type, created_at) VALUES (?, ?, 'text', ?)
				ON CONFLICT DO NOTHING""").params(workspaceId, key, Timestamp.from(at)).update();
	}

	/** Key → type of every defined field, by key. */
	public Map<String, String> types(UUID workspaceId) {
		Map<String, String> types = new LinkedHashMap<>();
		jdbc.sql("SELECT key, type FROM contact_custom_fields WHERE workspace_id = ? ORDER BY key")
			.param(workspaceId)
			.query(rs -> {
				types.put(rs.getString(1), rs.getString(2));
			});
		return types;
	}

	/**
	 * Deletes the definition and the field's value on every contact; false when
	 * undefined.
	 */
	public boolean delete(UUID workspaceId, String key) {
		if (jdbc.sql("DELETE FROM contact_custom_fields WHERE workspace_id = ? AND key = ?")
			.params(workspaceId, key)
			.update() == 0) {
			return false;
		}
		jdbc.sql("UPDATE contacts SET custom = custom - ?::text WHERE workspace_id = ? AND jsonb_exists(custom, ?)")
			.params(key, workspaceId, key)
			.update();
		return true;
	}

}
