package com.penguinmails.contacts;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.penguinmails.contacts.internal.SegmentCompiler;
import com.penguinmails.contacts.internal.SegmentCompiler.Compiled;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.UnknownIdsProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * Contact lists and saved segments (filters compiled to parameterised SQL, with live
 * counts).
 */
@Service
public class Segments {

	public record ContactList(UUID id, String name, long contacts) {
	}

	public record Segment(UUID id, String name, SegmentDefinition definition, long contacts) {
	}

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	private final Clock clock;

	private final CustomFields fields;

	Segments(JdbcClient jdbc, ObjectMapper json, Clock clock, CustomFields fields) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
		this.fields = fields;
	}

	public ContactList createList(Tenant tenant, String name) {
		tenant.require(WorkspaceRole.MEMBER, "contacts:write");
		String trimmed = name == null ? "" : name.strip();
		if (trimmed.isEmpty() || trimmed.length() > 200) {
			throw new InvalidInputProblem("invalid-name", "Give the list a name of 1 to 200 characters.");
		}
		UUID id = UUID.randomUUID();
		try {
			jdbc.sql("INSERT INTO contact_lists (id, workspace_id, name, created_at) VALUES (?, ?, ?, ?)")
				.params(id, tenant.workspaceId(), trimmed, Timestamp.from(clock.instant()))
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "list-exists", "A list named " + trimmed + " exists.");
		}
		return new ContactList(id, trimmed, 0);
	}

	public List<ContactList> lists(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		return jdbc.sql("""
				SELECT l.id, l.name, (SELECT count(*) FROM contact_list_members m WHERE m.list_id = l.id)
				FROM contact_lists l WHERE l.workspace_id = ? ORDER BY l.name""")
			.param(tenant.workspaceId())
			.query((rs, i) -> new ContactList(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3)))
			.list();
	}

	public void deleteList(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.MEMBER, "contacts:write");
		if (jdbc.sql("DELETE FROM contact_lists WHERE workspace_id = ? AND id = ?")
			.params(tenant.workspaceId(), id)
			.update() == 0) {
			throw new NotFoundProblem("List");
		}
	}

	/**
	 * Removes contacts from a list (the contacts stay). An unknown list is a
	 * {@link NotFoundProblem}; ids that are not contacts of the workspace are an
	 * {@link UnknownIdsProblem} naming them, and nothing is removed.
	 */
	public int removeFromList(Tenant tenant, UUID listId, List<UUID> contactIds) {
		tenant.require(WorkspaceRole.MEMBER, "contacts:write");
		if (lists(tenant).stream().noneMatch(l -> l.id().equals(listId))) {
			throw new NotFoundProblem("List");
		}
		requireContacts(tenant, contactIds);
		return jdbc
			.sql("DELETE FROM contact_list_members WHERE workspace_id = ? AND list_id = ? AND contact_id = ANY (?)")
			.params(tenant.workspaceId(), listId, contactIds.toArray(UUID[]::new))
			.update();
	}

	private void requireContacts(Tenant tenant, List<UUID> contactIds) {
		List<UUID> missing = Contacts.missing(jdbc, tenant.workspaceId(), contactIds);
		if (!missing.isEmpty()) {
			throw new UnknownIdsProblem("Contacts", missing);
		}
	}

	/** The lists a contact belongs to. */
	public List<ContactList> listsOf(Tenant tenant, UUID contactId) {
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		return jdbc.sql("""
				SELECT l.id, l.name, (SELECT count(*) FROM contact_list_members x WHERE x.list_id = l.id)
				FROM contact_lists l JOIN contact_list_members m ON m.list_id = l.id
				WHERE l.workspace_id = ? AND m.contact_id = ? ORDER BY l.name""")
			.params(tenant.workspaceId(), contactId)
			.query((rs, i) -> new ContactList(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3)))
			.list();
	}

	public Segment segment(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		return jdbc.sql("SELECT id, name, definition::text FROM segments WHERE workspace_id = ? AND id = ?")
			.params(tenant.workspaceId(), id)
			.query((rs, i) -> new Object[] { rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3) })
			.optional()
			.map(row -> {
				SegmentDefinition definition = read((String) row[2]);
				return new Segment((UUID) row[0], (String) row[1], definition, count(tenant, definition));
			})
			.orElseThrow(() -> new NotFoundProblem("Segment"));
	}

	public Segment updateSegment(Tenant tenant, UUID id, String name, SegmentDefinition definition) {
		tenant.require(WorkspaceRole.MEMBER, "contacts:write");
		Segment current = segment(tenant, id);
		String trimmed = name == null || name.isBlank() ? current.name() : name.strip();
		if (trimmed.length() > 200) {
			throw new InvalidInputProblem("invalid-name", "Give the segment a name of 1 to 200 characters.");
		}
		SegmentDefinition next = definition == null ? current.definition() : definition;
		long count = count(tenant, next);
		try {
			jdbc.sql("UPDATE segments SET name = ?, definition = ?::jsonb WHERE workspace_id = ? AND id = ?")
				.params(trimmed, json.writeValueAsString(next), tenant.workspaceId(), id)
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "segment-exists",
					"A segment named " + trimmed + " exists.");
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
		return new Segment(id, trimmed, next, count);
	}

	public void deleteSegment(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.MEMBER, "contacts:write");
		if (jdbc.sql("DELETE FROM segments WHERE workspace_id = ? AND id = ?")
			.params(tenant.workspaceId(), id)
			.update() == 0) {
			throw new NotFoundProblem("Segment");
		}
	}

	/**
	 * Adds contacts of the workspace to one of its lists. Ids that are not contacts of
	 * the workspace (another workspace's among them) are an {@link UnknownIdsProblem}
	 * naming them, and nothing is added.
	 * @return how many joined the list (members already there are not counted)
	 */
	public int addToList(Tenant tenant, UUID listId, List<UUID> contactIds) {
		tenant.require(WorkspaceRole.MEMBER, "contacts:write");
		if (lists(tenant).stream().noneMatch(l -> l.id().equals(listId))) {
			throw new NotFoundProblem("List");
		}
		requireContacts(tenant, contactIds);
		return jdbc.sql("""
				INSERT INTO contact_list_members (list_id, contact_id, workspace_id)
				SELECT ?, c.id, c.workspace_id FROM contacts c WHERE c.workspace_id = ? AND c.id = ANY (?)
				ON CONFLICT DO NOTHING""")
			.params(listId, tenant.workspaceId(), contactIds.toArray(UUID[]::new))
			.update();
	}

	public Segment createSegment(Tenant tenant, String name, SegmentDefinition definition) {
		tenant.require(WorkspaceRole.MEMBER, "contacts:write");
		String trimmed = name == null ? "" : name.strip();
		if (trimmed.isEmpty() || trimmed.length() > 200) {
			throw new InvalidInputProblem("invalid-name", "Give the segment a name of 1 to 200 characters.");
		}
		long count = count(tenant, definition);
		UUID id = UUID.randomUUID();
		try {
			jdbc.sql(
					"INSERT INTO segments (id, workspace_id, name, definition, created_at) VALUES (?, ?, ?, ?::jsonb, ?)")
				.params(id, tenant.workspaceId(), trimmed, json.writeValueAsString(definition),
						Timestamp.from(clock.instant()))
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "segment-exists",
					"A segment named " + trimmed + " exists.");
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
		return new Segment(id, trimmed, definition, count);
	}

	public List<Segment> segments(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		List<Segment> result = new ArrayList<>();
		for (var row : jdbc.sql("SELECT id, name, definition::text FROM segments WHERE workspace_id = ? ORDER BY name")
			.param(tenant.workspaceId())
			.query((rs, i) -> new Object[] { rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3) })
			.list()) {
			SegmentDefinition definition = read((String) row[2]);
			result.add(new Segment((UUID) row[0], (String) row[1], definition, count(tenant, definition)));
		}
		return result;
	}

	/**
	 * How many contacts of the workspace match, right now (the live count of the editor).
	 */
	public long count(Tenant tenant, SegmentDefinition definition) {
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		Compiled where = where(tenant.workspaceId(), definition);
		return jdbc.sql("SELECT count(*) FROM contacts c WHERE " + where.sql())
			.params(where.params())
			.query(Long.class)
			.single();
	}

	/** The ids of a list's contacts (campaign enrolment). */
	public List<UUID> listMemberIds(Tenant tenant, UUID listId) {
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		if (lists(tenant).stream().noneMatch(l -> l.id().equals(listId))) {
			throw new NotFoundProblem("List");
		}
		return jdbc.sql("SELECT contact_id FROM contact_list_members WHERE workspace_id = ? AND list_id = ?")
			.params(tenant.workspaceId(), listId)
			.query(UUID.class)
			.list();
	}

	/** The ids of the contacts a saved segment matches now (campaign enrolment). */
	public List<UUID> segmentContactIds(Tenant tenant, UUID segmentId) {
		Segment segment = segment(tenant, segmentId);
		Compiled where = where(tenant.workspaceId(), segment.definition());
		return jdbc.sql("SELECT c.id FROM contacts c WHERE " + where.sql())
			.params(where.params())
			.query(UUID.class)
			.list();
	}

	/** The emails of matching contacts, for previews (at most {@code limit}). */
	public List<String> sample(Tenant tenant, SegmentDefinition definition, int limit) {
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		Compiled where = where(tenant.workspaceId(), definition);
		List<Object> params = new ArrayList<>(where.params());
		params.add(Math.max(1, Math.min(limit, 1000)));
		return jdbc.sql("SELECT c.email FROM contacts c WHERE " + where.sql() + " ORDER BY c.email LIMIT ?")
			.params(params)
			.query(String.class)
			.list();
	}

	/**
	 * The condition on {@code contacts c} of a definition within one workspace, with its
	 * parameters (the workspace first).
	 */
	private Compiled where(UUID workspaceId, SegmentDefinition definition) {
		Compiled compiled = SegmentCompiler.compile(definition, fields.types(workspaceId));
		List<Object> params = new ArrayList<>();
		params.add(workspaceId);
		params.addAll(compiled.params());
		return new Compiled("c.workspace_id = ? AND " + compiled.sql(), params);
	}

	private SegmentDefinition read(String stored) {
		try {
			return json.readValue(stored, SegmentDefinition.class);
		}
		catch (JsonProcessingException ex) {
			return new SegmentDefinition("all", List.of());
		}
	}

}
