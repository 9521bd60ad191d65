package com.penguinmails.contacts.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL a bulk job applies to a batch of contacts at once. Every statement is scoped to
 * the workspace given first, and the changing ones return the ids they changed, for the
 * contacts' change log.
 */
@Repository
public class BulkContactRepository {

	private final JdbcClient jdbc;

	BulkContactRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Adds {@code tag} (already cleaned: lower case) to the contacts among {@code ids}
	 * that lack it and have fewer than {@link ContactFields#MAX_TAGS} tags.
	 */
	public List<UUID> addTag(UUID workspaceId, Collection<UUID> ids, String tag) {
		return jdbc.sql("""
				UPDATE contacts SET tags = array_append(tags, ?), updated_at = now()
				WHERE workspace_id = ? AND id = ANY (?) AND NOT (? = ANY (tags)) AND cardinality(tags) < ?
				RETURNING id""")
			.params(tag, workspaceId, ids.toArray(UUID[]::new), tag, ContactFields.MAX_TAGS)
			.query(UUID.class)
			.list();
	}

	/** Removes {@code tag} from the contacts among {@code ids} that have it. */
	public List<UUID> removeTag(UUID workspaceId, Collection<UUID> ids, String tag) {
		return jdbc.sql("""
				UPDATE contacts SET tags = array_remove(tags, ?), updated_at = now()
				WHERE workspace_id = ? AND id = ANY (?) AND ? = ANY (tags) RETURNING id""")
			.params(tag, workspaceId, ids.toArray(UUID[]::new), tag)
			.query(UUID.class)
			.list();
	}

	/**
	 * Adds the workspace's contacts among {@code ids} to a list; returns those that
	 * joined.
	 */
	public List<UUID> addToList(UUID workspaceId, UUID listId, Collection<UUID> ids) {
		return jdbc.sql("""
				INSERT INTO contact_list_members (list_id, contact_id, workspace_id)
				SELECT ?, c.id, c.workspace_id FROM contacts c WHERE c.workspace_id = ? AND c.id = ANY (?)
				ON CONFLICT DO NOTHING RETURNING contact_id""")
			.params(listId, workspaceId, ids.toArray(UUID[]::new))
			.query(UUID.class)
			.list();
	}

	/** Removes contacts from a list; returns those that left it. */
	public List<UUID> removeFromList(UUID workspaceId, UUID listId, Collection<UUID> ids) {
		return jdbc.sql("""
				DELETE FROM contact_list_members WHERE workspace_id = ? AND list_id = ? AND contact_id = ANY (?)
				RETURNING contact_id""").params(workspaceId, listId, ids.toArray(UUID[]::new)).query(UUID.class).list();
	}

	/**
	 * Deletes the contacts among {@code ids} (memberships and history go with them by
	 * cascade); returns how many went.
	 */
	public int delete(UUID workspaceId, Collection<UUID> ids) {
		return jdbc.sql("DELETE FROM contacts WHERE workspace_id = ? AND id = ANY (?)")
			.params(workspaceId, ids.toArray(UUID[]::new))
			.update();
	}

	/** The names of the lists each of {@code ids} belongs to, by name (for exports). */
	public Map<UUID, List<String>> listNames(UUID workspaceId, Collection<UUID> ids) {
		record Row(UUID contactId, String name) {
		}
		return jdbc.sql("""
				SELECT m.contact_id, l.name FROM contact_list_members m JOIN contact_lists l ON l.id = m.list_id
				WHERE m.workspace_id = ? AND m.contact_id = ANY (?) ORDER BY l.name""")
			.params(workspaceId, ids.toArray(UUID[]::new))
			.query((rs, i) -> new Row(rs.getObject(1, UUID.class), rs.getString(2)))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Row::contactId, Collectors.mapping(Row::name, Collectors.toList())));
	}

}
