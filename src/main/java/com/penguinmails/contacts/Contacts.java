package com.penguinmails.contacts;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.penguinmails.contacts.internal.ContactChanges;
import com.penguinmails.contacts.internal.ContactRepository;
import com.penguinmails.shared.CursorPage;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/** A workspace's contacts: one per email address (any case). */
@Service
public class Contacts {

	/**
	 * A contact to create: text fields of at most 500 characters ({@code timeZone} an
	 * IANA name), {@code custom} checked against the custom fields' types, {@code tags}
	 * at most 50 of at most 100 characters.
	 */
	public record NewContact(String email, String firstName, String lastName, String company, String title,
			String phone, String website, String linkedinUrl, String timeZone, String country,
			Map<String, Object> custom, List<String> tags) {
	}

	/** The statuses a contact can have, in the order pages offer them. */
	public static final List<ContactStatus> STATUSES = List.of(ContactStatus.values());

	private final ContactRepository repository;

	private final ContactInput input;

	private final ContactPatch patches;

	private final CustomFields fields;

	private final LeadScoring scoring;

	private final Suppressions suppressions;

	private final ContactChanges history;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Contacts(ContactRepository repository, ContactInput input, ContactPatch patches, CustomFields fields,
			LeadScoring scoring, Suppressions suppressions, ContactChanges history, ApplicationEventPublisher events,
			Clock clock) {
		this.history = history;
		this.events = events;
		this.clock = clock;
		this.repository = repository;
		this.input = input;
		this.patches = patches;
		this.fields = fields;
		this.scoring = scoring;
		this.suppressions = suppressions;
	}

	/**
	 * Creates a contact and publishes {@link ContactCreated}.
	 * @throws InvalidInputProblem naming the first value that does not fit; 409
	 * {@code contact-exists} when the address (any case) is a contact already, 409
	 * {@code contact-erased} when it was erased at the person's request
	 */
	@Transactional
	public Contact create(Tenant tenant, NewContact contact) {
		tenant.require(WorkspaceRole.MEMBER, "contacts:write");
		String email = input.checkedEmail(tenant.workspaceId(), contact.email());
		ContactInput.checkTexts(contact);
		Map<String, Object> custom = fields.coerce(tenant.workspaceId(), contact.custom(), false);
		UUID id = UUID.randomUUID();
		try {
			repository.insert(tenant.workspaceId(),
					new ContactRepository.NewRow(id, email, contact.firstName(), contact.lastName(), contact.company(),
							contact.title(), contact.phone(), contact.website(), contact.linkedinUrl(),
							contact.timeZone(), contact.country(), input.customJson(custom),
							ContactInput.tags(contact.tags())));
		}
		catch (DuplicateKeyException ex) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "contact-exists", email + " is already a contact.");
		}
		history.created(tenant, id);
		events.publishEvent(new ContactCreated(tenant.workspaceId(), id, tenant.userId(), clock.instant()));
		scoring.rescore(tenant.workspaceId(), id);
		return get(tenant, id);
	}

	/**
	 * For other features (a stray bounce): the id of the workspace's contact with this
	 * address, compared without regard to case, or empty when there is none.
	 */
	public Optional<UUID> idByEmail(UUID workspaceId, String email) {
		return repository.idByEmail(workspaceId, email);
	}

	/**
	 * For other features ("stop the whole company" on a reply): the ids of the
	 * workspace's contacts whose address is at {@code domain} (an A-label, compared
	 * without regard to case).
	 */
	public List<UUID> idsAtDomain(UUID workspaceId, String domain) {
		return repository.idsAtDomain(workspaceId, domain);
	}

	/**
	 * For other features (unsubscribes, bounces, complaints): sets a contact's status,
	 * which suppresses its address as {@link #update} does; false when the contact was
	 * deleted since (the caller's own suppression is then what counts).
	 */
	@Transactional
	public boolean markStatus(UUID workspaceId, UUID contactId, ContactStatus status) {
		try {
			update(Tenant.system(workspaceId), contactId, Map.of("status", status.value()));
			return true;
		}
		catch (NotFoundProblem ex) {
			return false;
		}
	}

	/**
	 * Changes the fields present in {@code patch} (JSON merge patch, RFC 7396: absent
	 * fields stay, {@code custom} is merged key by key and a {@code null} value removes a
	 * key, {@code tags} is replaced). Setting the status to unsubscribed, bounced or
	 * complained also suppresses the address. Publishes {@link ContactUpdated} naming the
	 * fields that changed, when any did.
	 * @throws InvalidInputProblem naming the first field that does not fit (nothing is
	 * changed), 409 {@code contact-exists} when the new address is another contact's
	 */
	@Transactional
	public Contact update(Tenant tenant, UUID id, Map<String, Object> patch) {
		tenant.require(WorkspaceRole.MEMBER, "contacts:write");
		Contact current = get(tenant, id);
		if (patch == null || patch.isEmpty()) {
			return current;
		}
		ContactPatch.Changes changes = patches.changes(tenant.workspaceId(), current, patch);
		try {
			repository.update(tenant.workspaceId(), id, changes.assignments());
		}
		catch (DuplicateKeyException ex) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "contact-exists",
					patch.get("email") + " is already a contact.");
		}
		if (changes.status() != null && changes.status().suppressionReason() != null) {
			Contact updated = get(tenant, id);
			suppressions.suppress(tenant.workspaceId(), updated.email(), changes.status().suppressionReason());
		}
		scoring.rescore(tenant.workspaceId(), id);
		Contact updated = get(tenant, id);
		history.updated(tenant, current, updated);
		List<String> changed = ContactChanges.changedFields(current, updated);
		if (!changed.isEmpty()) {
			events
				.publishEvent(new ContactUpdated(tenant.workspaceId(), id, changed, tenant.userId(), clock.instant()));
		}
		return updated;
	}

	/**
	 * Every stored field of a contact with its lists, for a GDPR export (other features
	 * add their own parts).
	 */
	Map<String, Object> export(UUID workspaceId, UUID contactId) {
		Map<String, Object> export = new LinkedHashMap<>();
		repository.find(workspaceId, contactId).ifPresent(contact -> {
			export.put("contact", contact);
			export.put("lists", repository.listNames(workspaceId, contactId));
			export.put("suppressions", suppressions.entriesFor(workspaceId, contact.email()));
		});
		return export;
	}

	/**
	 * Erases a contact: the row and its list memberships go, and the address stays
	 * suppressed by its hash alone, so it is neither mailed nor imported again. Publishes
	 * {@link ContactErased} (the id alone).
	 */
	@Transactional
	void erase(UUID workspaceId, UUID contactId) {
		String email = repository.deleteReturningEmail(workspaceId, contactId)
			.orElseThrow(() -> new NotFoundProblem("Contact"));
		suppressions.erase(workspaceId, email);
		events.publishEvent(new ContactErased(workspaceId, contactId, clock.instant()));
	}

	/**
	 * @throws NotFoundProblem when it is not a contact of the caller's workspace
	 */
	public Contact get(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		return repository.find(tenant.workspaceId(), id).orElseThrow(() -> new NotFoundProblem("Contact"));
	}

	/**
	 * The ids among {@code ids} that are not contacts of the caller's workspace (unknown,
	 * erased, or another workspace's), in the order given; for bulk requests, which
	 * refuse them with {@link com.penguinmails.shared.UnknownIdsProblem}. No caller role
	 * is involved: it says only which ids are not there.
	 */
	public List<UUID> missing(UUID workspaceId, Collection<UUID> ids) {
		return repository.missing(workspaceId, ids);
	}

	/** Contacts of the workspace by id (ids of other workspaces are left out). */
	public Map<UUID, Contact> byIds(Tenant tenant, Collection<UUID> ids) {
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		Map<UUID, Contact> found = new HashMap<>();
		if (!ids.isEmpty()) {
			repository.byIds(tenant.workspaceId(), ids).forEach(contact -> found.put(contact.id(), contact));
		}
		return found;
	}

	/** How many contacts the workspace has. */
	public long count(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		return repository.count(tenant.workspaceId());
	}

	/**
	 * Newest first, at most {@code limit} (1 to 1,000); pass {@code nextCursor} back for
	 * older ones.
	 */
	public CursorPage<Contact> list(Tenant tenant, String cursor, int limit) {
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		CursorPage.limit(limit, 1000);
		CursorPage.Position after = CursorPage.Position.parse(cursor);
		List<Contact> rows = repository.page(tenant.workspaceId(), after == null ? null : after.at(),
				after == null ? null : after.id(), limit + 1);
		return CursorPage.of(rows, limit, row -> new CursorPage.Position(row.createdAt(), row.id()));
	}

	/** Contacts whose email contains {@code query} (any case), at most 20: pickers. */
	public List<Contact> search(Tenant tenant, String query) {
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		return repository.search(tenant.workspaceId(), query == null ? "" : query.strip());
	}

	/**
	 * @throws NotFoundProblem when it is not a contact of the caller's workspace
	 */
	public void delete(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.MEMBER, "contacts:write");
		if (!repository.delete(tenant.workspaceId(), id)) {
			throw new NotFoundProblem("Contact");
		}
	}

}
