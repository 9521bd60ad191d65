package com.penguinmails.contacts;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.penguinmails.contacts.internal.ContactChanges;
import com.penguinmails.contacts.internal.ContactRepository;
import com.penguinmails.contacts.internal.SegmentCompiler;
import com.penguinmails.contacts.internal.SegmentCompiler.Compiled;
import com.penguinmails.contacts.internal.SegmentRepository;
import com.penguinmails.contacts.internal.SegmentRepository.StoredSegment;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.UnknownIdsProblem;
import com.penguinmails.shared.WorkspaceRole;

/**
 * Contact lists and saved segments (filters compiled to parameterised SQL, with live
 * counts).
 */
@Service
public class Segments {

	/** A list and how many contacts are in it. */
	public record ContactList(UUID id, String name, long contacts) {
	}

	/** A list's id and name, without its members' count. */
	public record ListName(UUID id, String name) {
	}

	/** A saved segment and how many contacts it matches now. */
	public record Segment(UUID id, String name, SegmentDefinition definition, long contacts) {
	}

	private final SegmentRepository repository;

	private final ContactRepository contacts;

	private final ObjectMapper json;

	private final Clock clock;

	private final CustomFields fields;

	private final ContactChanges history;

	private final ContactUpdates changed;

	Segments(SegmentRepository repository, ContactRepository contacts, ObjectMapper json, Clock clock,
			CustomFields fields, ContactChanges history, ContactUpdates changed) {
		this.history = history;
		this.changed = changed;
		this.repository = repository;
		this.contacts = contacts;
		this.json = json;
		this.clock = clock;
		this.fields = fields;
	}

	/**
	 * @throws InvalidInputProblem {@code invalid-name} (1 to 200 characters), 409
	 * {@code list-exists}
	 */
	public ContactList createList(Tenant tenant, String name) {
		tenant.require(WorkspaceRole.MEMBER, "contacts:write");
		String trimmed = name == null ? "" : name.strip();
		if (trimmed.isEmpty() || trimmed.length() > 200) {
			throw new InvalidInputProblem("invalid-name", "Give the list a name of 1 to 200 characters.");
		}
		UUID id = UUID.randomUUID();
		try {
			repository.insertList(tenant.workspaceId(), id, trimmed, clock.instant());
		}
		catch (DuplicateKeyException ex) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "list-exists", "A list named " + trimmed + " exists.");
		}
		return new ContactList(id, trimmed, 0);
	}

	/**
	 * The workspace's lists' ids and names, by name, without counting their members: what
	 * a select of lists needs.
	 */
	public List<ListName> listNames(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		return repository.listNames(tenant.workspaceId());
	}

	/** The workspace's lists, by name. */
	public List<ContactList> lists(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		return repository.lists(tenant.workspaceId());
	}

	/** Deletes a list; its contacts stay. */
	public void deleteList(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.MEMBER, "contacts:write");
		if (!repository.deleteList(tenant.workspaceId(), id)) {
			throw new NotFoundProblem("List");
		}
	}

	/**
	 * Removes contacts from a list (the contacts stay). An unknown list is a
	 * {@link NotFoundProblem}; ids that are not contacts of the workspace are an
	 * {@link UnknownIdsProblem} naming them, and nothing is removed. Publishes
	 * {@link ContactsChanged} ({@code lists}) naming those that left.
	 */
	@Transactional
	public int removeFromList(Tenant tenant, UUID listId, List<UUID> contactIds) {
		tenant.require(WorkspaceRole.MEMBER, "contacts:write");
		requireList(tenant, listId);
		requireContacts(tenant, contactIds);
		history.leaving(tenant, listId, contactIds);
		List<UUID> left = repository.removeMembers(tenant.workspaceId(), listId, contactIds);
		changed.updated(tenant.workspaceId(), left, List.of("lists"), tenant.userId());
		return left.size();
	}

	/**
	 * Adds contacts of the workspace to one of its lists. Ids that are not contacts of
	 * the workspace (another workspace's among them) are an {@link UnknownIdsProblem}
	 * naming them, and nothing is added. Publishes {@link ContactsChanged}
	 * ({@code lists}) naming those that joined.
	 * @return how many joined the list (members already there are not counted)
	 */
	@Transactional
	public int addToList(Tenant tenant, UUID listId, List<UUID> contactIds) {
		tenant.require(WorkspaceRole.MEMBER, "contacts:write");
		requireList(tenant, listId);
		requireContacts(tenant, contactIds);
		history.joining(tenant, listId, contactIds);
		List<UUID> joined = repository.addMembers(tenant.workspaceId(), listId, contactIds);
		changed.updated(tenant.workspaceId(), joined, List.of("lists"), tenant.userId());
		return joined.size();
	}

	/** The lists a contact belongs to. */
	public List<ContactList> listsOf(Tenant tenant, UUID contactId) {
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		return repository.listsOf(tenant.workspaceId(), contactId);
	}

	/** The ids of a list's contacts (campaign enrolment). */
	public List<UUID> listMemberIds(Tenant tenant, UUID listId) {
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		requireList(tenant, listId);
		return repository.memberIds(tenant.workspaceId(), listId);
	}

	/**
	 * @throws NotFoundProblem when it is not a segment of the caller's workspace
	 */
	public Segment segment(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		return repository.segment(tenant.workspaceId(), id)
			.map(stored -> withCount(tenant, stored))
			.orElseThrow(() -> new NotFoundProblem("Segment"));
	}

	/** The saved segments, by name, each with its count now. */
	public List<Segment> segments(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		return repository.segments(tenant.workspaceId()).stream().map(stored -> withCount(tenant, stored)).toList();
	}

	/**
	 * @throws InvalidInputProblem {@code invalid-name}, {@code invalid-segment} (see
	 * {@link SegmentDefinition}), 409 {@code segment-exists}
	 */
	public Segment createSegment(Tenant tenant, String name, SegmentDefinition definition) {
		tenant.require(WorkspaceRole.MEMBER, "contacts:write");
		String trimmed = name == null ? "" : name.strip();
		if (trimmed.isEmpty() || trimmed.length() > 200) {
			throw new InvalidInputProblem("invalid-name", "Give the segment a name of 1 to 200 characters.");
		}
		long count = count(tenant, definition);
		UUID id = UUID.randomUUID();
		try {
			repository.insertSegment(tenant.workspaceId(), id, trimmed, write(definition), clock.instant());
		}
		catch (DuplicateKeyException ex) {
			throw segmentExists(trimmed);
		}
		return new Segment(id, trimmed, definition, count);
	}

	/**
	 * Renames a segment and/or replaces its definition (a blank name or a null definition
	 * keeps the current one).
	 */
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
			repository.updateSegment(tenant.workspaceId(), id, trimmed, write(next));
		}
		catch (DuplicateKeyException ex) {
			throw segmentExists(trimmed);
		}
		return new Segment(id, trimmed, next, count);
	}

	/**
	 * @throws NotFoundProblem when it is not a segment of the caller's workspace
	 */
	public void deleteSegment(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.MEMBER, "contacts:write");
		if (!repository.deleteSegment(tenant.workspaceId(), id)) {
			throw new NotFoundProblem("Segment");
		}
	}

	/**
	 * How many contacts of the workspace match, right now (the live count of the editor).
	 */
	public long count(Tenant tenant, SegmentDefinition definition) {
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		return repository.count(tenant.workspaceId(), compile(tenant.workspaceId(), definition));
	}

	/** The ids of the contacts a saved segment matches now (campaign enrolment). */
	public List<UUID> segmentContactIds(Tenant tenant, UUID segmentId) {
		Segment segment = segment(tenant, segmentId);
		return repository.matchingIds(tenant.workspaceId(), compile(tenant.workspaceId(), segment.definition()));
	}

	/**
	 * The emails of matching contacts, for previews (at most {@code limit}, 1 to 1,000).
	 */
	public List<String> sample(Tenant tenant, SegmentDefinition definition, int limit) {
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		return repository.matchingEmails(tenant.workspaceId(), compile(tenant.workspaceId(), definition),
				Math.max(1, Math.min(limit, 1000)));
	}

	private Segment withCount(Tenant tenant, StoredSegment stored) {
		SegmentDefinition definition = read(stored.definition());
		return new Segment(stored.id(), stored.name(), definition, count(tenant, definition));
	}

	private void requireList(Tenant tenant, UUID listId) {
		if (!repository.listExists(tenant.workspaceId(), listId)) {
			throw new NotFoundProblem("List");
		}
	}

	private void requireContacts(Tenant tenant, List<UUID> contactIds) {
		List<UUID> missing = contacts.missing(tenant.workspaceId(), contactIds);
		if (!missing.isEmpty()) {
			throw new UnknownIdsProblem("Contacts", missing);
		}
	}

	private Compiled compile(UUID workspaceId, SegmentDefinition definition) {
		return SegmentCompiler.compile(definition, fields.types(workspaceId));
	}

	private static InvalidInputProblem segmentExists(String name) {
		return new InvalidInputProblem(HttpStatus.CONFLICT, "segment-exists", "A segment named " + name + " exists.");
	}

	private String write(SegmentDefinition definition) {
		try {
			return json.writeValueAsString(definition);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
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
