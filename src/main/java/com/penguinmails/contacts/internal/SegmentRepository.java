package com.penguinmails.contacts.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.contacts.Segments;
import com.penguinmails.contacts.Segments.ContactList;
import com.penguinmails.contacts.internal.SegmentCompiler.Compiled;

/**
 * The SQL of contact lists ({@code contact_lists}, {@code contact_list_members}) and
 * saved segments ({@code segments}), and of the contacts a compiled segment condition
 * matches. Every query is scoped to the workspace given first.
 */
@Repository
public class SegmentRepository {

	/** A saved segment as stored: its definition is the JSON text. */
	public record StoredSegment(UUID id, String name, String definition) {
	}

	private final JdbcClient jdbc;

	SegmentRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @throws org.springframework.dao.DuplicateKeyException when the name is taken
	 */
	public void insertList(UUID workspaceId, UUID id, String name, Instant createdAt) {
		jdbc.sql("INSERT INTO contact_lists (id, workspace_id, name, created_at) VALUES (?, ?, ?, ?)")
			.params(id, workspaceId, name, Timestamp.from(createdAt))
			.update();
	}

	/** The lists' ids and names, by name (no counts: cheap). */
	public List<Segments.ListName> listNames(UUID workspaceId) {
		return jdbc.sql("SELECT id, name FROM contact_lists WHERE workspace_id = ? ORDER BY name")
			.param(workspaceId)
			.query(Segments.ListName.class)
			.list();
	}

	/** The workspace's lists with their member counts, by name. */
	public List<ContactList> lists(UUID workspaceId) {
		return jdbc.sql("""
				SELECT l.id, l.name, (SELECT count(*) FROM contact_list_members m WHERE m.list_id = l.id) AS contacts
				FROM contact_lists l WHERE l.workspace_id = ? ORDER BY l.name""")
			.param(workspaceId)
			.query(ContactList.class)
			.list();
	}

	/** The lists a contact belongs to, with their member counts, by name. */
	public List<ContactList> listsOf(UUID workspaceId, UUID contactId) {
		return jdbc.sql("""
				SELECT l.id, l.name, (SELECT count(*) FROM contact_list_members x WHERE x.list_id = l.id) AS contacts
				FROM contact_lists l JOIN contact_list_members m ON m.list_id = l.id
				WHERE l.workspace_id = ? AND m.contact_id = ? ORDER BY l.name""")
			.params(workspaceId, contactId)
			.query(ContactList.class)
			.list();
	}

	public boolean listExists(UUID workspaceId, UUID listId) {
		return jdbc.sql("SELECT EXISTS (SELECT 1 FROM contact_lists WHERE workspace_id = ? AND id = ?)")
			.params(workspaceId, listId)
			.query(Boolean.class)
			.single();
	}

	/** Deletes a list (its contacts stay); false when there was none. */
	public boolean deleteList(UUID workspaceId, UUID id) {
		return jdbc.sql("DELETE FROM contact_lists WHERE workspace_id = ? AND id = ?")
			.params(workspaceId, id)
			.update() > 0;
	}

	/**
	 * Adds the workspace's contacts among {@code contactIds}; returns how many joined.
	 */
	public List<UUID> addMembers(UUID workspaceId, UUID listId, List<UUID> contactIds) {
		return jdbc.sql("""
				INSERT INTO contact_list_members (list_id, contact_id, workspace_id)
				SELECT ?, c.id, c.workspace_id FROM contacts c WHERE c.workspace_id = ? AND c.id = ANY (?)
				ON CONFLICT DO NOTHING RETURNING contact_id""")
			.params(listId, workspaceId, contactIds.toArray(UUID[]::new))
			.query(UUID.class)
			.list();
	}

	/** Removes contacts from a list; returns those that left it. */
	public List<UUID> removeMembers(UUID workspaceId, UUID listId, List<UUID> contactIds) {
		return jdbc.sql("""
				DELETE FROM contact_list_members WHERE workspace_id = ? AND list_id = ? AND contact_id = ANY (?)
				RETURNING contact_id""")
			.params(workspaceId, listId, contactIds.toArray(UUID[]::new))
			.query(UUID.class)
			.list();
	}

	public List<UUID> memberIds(UUID workspaceId, UUID listId) {
		return jdbc.sql("SELECT contact_id FROM contact_list_members WHERE workspace_id = ? AND list_id = ?")
			.params(workspaceId, listId)
			.query(UUID.class)
			.list();
	}

	public Optional<StoredSegment> segment(UUID workspaceId, UUID id) {
		return jdbc
			.sql("SELECT id, name, definition::text AS definition FROM segments WHERE workspace_id = ? AND id = ?")
			.params(workspaceId, id)
			.query(StoredSegment.class)
			.optional();
	}

	/** The saved segments, by name. */
	public List<StoredSegment> segments(UUID workspaceId) {
		return jdbc
			.sql("SELECT id, name, definition::text AS definition FROM segments WHERE workspace_id = ? ORDER BY name")
			.param(workspaceId)
			.query(StoredSegment.class)
			.list();
	}

	/**
	 * @throws org.springframework.dao.DuplicateKeyException when the name is taken
	 */
	public void insertSegment(UUID workspaceId, UUID id, String name, String definitionJson, Instant createdAt) {
		jdbc.sql("INSERT INTO segments (id, workspace_id, name, definition, created_at) VALUES (?, ?, ?, ?::jsonb, ?)")
			.params(id, workspaceId, name, definitionJson, Timestamp.from(createdAt))
			.update();
	}

	/**
	 * @throws org.springframework.dao.DuplicateKeyException when the name is taken
	 */
	public void updateSegment(UUID workspaceId, UUID id, String name, String definitionJson) {
		jdbc.sql("UPDATE segments SET name = ?, definition = ?::jsonb WHERE workspace_id = ? AND id = ?")
			.params(name, definitionJson, workspaceId, id)
			.update();
	}

	public boolean deleteSegment(UUID workspaceId, UUID id) {
		return jdbc.sql("DELETE FROM segments WHERE workspace_id = ? AND id = ?").params(workspaceId, id).update() > 0;
	}

	/** How many of the workspace's contacts match {@code condition}. */
	public long count(UUID workspaceId, Compiled condition) {
		Compiled where = scoped(workspaceId, condition);
		return jdbc.sql("SELECT count(*) FROM contacts c WHERE " + where.sql())
			.params(where.params())
			.query(Long.class)
			.single();
	}

	/** The ids of the workspace's contacts that match {@code condition}. */
	public List<UUID> matchingIds(UUID workspaceId, Compiled condition) {
		Compiled where = scoped(workspaceId, condition);
		return jdbc.sql("SELECT c.id FROM contacts c WHERE " + where.sql())
			.params(where.params())
			.query(UUID.class)
			.list();
	}

	/** The emails of matching contacts, by email, at most {@code limit}. */
	public List<String> matchingEmails(UUID workspaceId, Compiled condition, int limit) {
		Compiled where = scoped(workspaceId, condition);
		List<Object> params = new ArrayList<>(where.params());
		params.add(limit);
		return jdbc.sql("SELECT c.email FROM contacts c WHERE " + where.sql() + " ORDER BY c.email LIMIT ?")
			.params(params)
			.query(String.class)
			.list();
	}

	/** A condition on {@code contacts c} within one workspace (its parameter first). */
	private static Compiled scoped(UUID workspaceId, Compiled condition) {
		List<Object> params = new ArrayList<>();
		params.add(workspaceId);
		params.addAll(condition.params());
		return new Compiled("c.workspace_id = ? AND " + condition.sql(), params);
	}

}
