package com.penguinmails.crm.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.penguinmails.contacts.Contact;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Problem;
import com.penguinmails.shared.Tenant;

/**
 * One sync run's merge of CRM records into contacts, keyed on the CRM's record id
 * ({@code crm_links}): a record seen before updates its contact even when its address
 * changed in the CRM; a new record whose address is a contact already is linked to it;
 * otherwise a contact is created. Each record is written on its own (no surrounding
 * transaction), so a bad one is skipped with the reason and the others go on. It keeps
 * the run's counts and writes its log ({@code crm_sync_entries}): created, updated (what
 * changed) and skipped (why); unchanged records are only counted. Not thread-safe: one
 * per run.
 * <p>
 * A linked record's fields go through {@link FieldMerge} against the link's baseline: the
 * contact's update, the new baseline and any push of our values to the CRM are written in
 * one transaction, so the contact's {@code ContactUpdated} (after commit) finds the
 * baseline already holding what the import wrote and does not echo it back.
 */
public final class RecordMerge {

	private final CrmRepository repository;

	private final Contacts contacts;

	private final Clock clock;

	private final String crm;

	private final UUID workspace;

	private final UUID runId;

	private final Tenant system;

	private final FieldSync sync;

	private final FieldSync.Fields synced;

	private int created;

	private int updated;

	private int unchanged;

	private int skipped;

	private int seq;

	/**
	 * @param crm the CRM's name in the tables ({@code hubspot}, {@code salesforce})
	 * @param runId the run, already started in {@code crm_sync_runs}
	 * @param synced the connection's synced fields and their policies
	 */
	public RecordMerge(CrmRepository repository, Contacts contacts, Clock clock, String crm, UUID workspace, UUID runId,
			FieldSync sync, FieldSync.Fields synced) {
		this.sync = sync;
		this.synced = synced;
		this.repository = repository;
		this.contacts = contacts;
		this.clock = clock;
		this.crm = crm;
		this.workspace = workspace;
		this.runId = runId;
		this.system = Tenant.system(workspace);
	}

	/** Writes the run's counts so far, with the pages read. */
	public void progress(int pages) {
		repository.progress(workspace, runId, pages, created, updated, unchanged, skipped);
	}

	/**
	 * Merges one record: the linked contact is patched, else a contact with its address
	 * is linked and patched, else a contact is created and linked. A {@link Problem} from
	 * contacts (invalid or erased address, another contact's address, a value too long)
	 * skips the record with its message.
	 * @param recordId the CRM's record id (at most 40 characters)
	 * @param email the record's address (blank: skipped)
	 * @param fields our field names ({@code firstName}, {@code lastName},
	 * {@code company}, {@code title}, {@code phone}, {@code website},
	 * {@code linkedinUrl}, {@code country}, {@code custom.<key>}) → non-blank values
	 * @param modifiedAt when the record was last modified in the CRM, or null when
	 * unknown (the "newest wins" policy then keeps the CRM's value)
	 * @return the contact the record went into, or empty when skipped
	 */
	public Optional<UUID> merge(String recordId, String email, Map<String, Object> fields, Instant modifiedAt) {
		String id = recordId;
		if (id == null || id.isBlank() || id.length() > 40) {
			return skip(id, email, "The record has no usable id: " + id);
		}
		if (email == null || email.isBlank()) {
			return skip(id, null, "The record has no email address.");
		}
		try {
			Optional<UUID> linked = repository.linkedContact(workspace, crm, id);
			if (linked.isPresent()) {
				return Optional.of(apply(id, linked.get(), email, fields, null, modifiedAt));
			}
			Optional<UUID> byEmail = contacts.idByEmail(workspace, email);
			if (byEmail.isPresent()) {
				repository.link(workspace, crm, id, byEmail.get(), clock.instant());
				return Optional
					.of(apply(id, byEmail.get(), email, fields, "matched an existing contact by address", modifiedAt));
			}
			Contact contact = contacts.create(system,
					new Contacts.NewContact(email, text(fields, "firstName"), text(fields, "lastName"),
							text(fields, "company"), text(fields, "title"), text(fields, "phone"),
							text(fields, "website"), text(fields, "linkedinUrl"), null, text(fields, "country"),
							custom(fields), List.of()));
			repository.link(workspace, crm, id, contact.id(), clock.instant());
			sync.saveBaseline(workspace, crm, id, FieldSync.values(contact, synced.tracked()), clock.instant());
			created++;
			entry(id, contact.email(), "created", null);
			return Optional.of(contact.id());
		}
		catch (Problem problem) {
			return skip(id, email, problem.getMessage());
		}
	}

	/**
	 * Patches the contact with the CRM's values {@link FieldMerge} takes, moves the
	 * baseline and queues ours where it sends them, in one transaction.
	 */
	private UUID apply(String id, UUID contactId, String email, Map<String, Object> fields, String note,
			Instant modifiedAt) {
		Contact current = contacts.byIds(system, List.of(contactId)).get(contactId);
		if (current == null) {
			throw new NotFoundProblem("Contact");
		}
		Map<String, Object> patch = new LinkedHashMap<>();
		List<String> changes = new ArrayList<>();
		if (!email.equalsIgnoreCase(current.email())) {
			patch.put("email", email);
			changes.add("email changed from " + current.email());
		}
		compare(patch, changes, fields, "linkedinUrl", current.linkedinUrl());
		Map<String, String> theirs = new LinkedHashMap<>();
		fields.forEach((key, value) -> theirs.put(key, value.toString()));
		FieldSyncRepository.Link link = sync.link(workspace, crm, id);
		FieldMerge merged = FieldMerge.of(synced, theirs, FieldSync.values(current, synced.tracked()), link,
				modifiedAt);
		Map<String, Object> custom = new LinkedHashMap<>();
		merged.take().forEach((key, value) -> {
			if (key.startsWith("custom.")) {
				custom.put(key.substring("custom.".length()), value);
			}
			else {
				patch.put(key, value);
				changes.add(key);
			}
		});
		if (!custom.isEmpty()) {
			patch.put("custom", custom);
			changes.add(String.join(", ", custom.keySet()));
		}
		changes.addAll(merged.notes());
		Instant now = clock.instant();
		boolean agreed = link != null && merged.baseline().equals(link.synced());
		if (patch.isEmpty() && merged.push().isEmpty() && agreed) {
			unchanged++;
			return contactId;
		}
		sync.inTransaction(() -> {
			if (!patch.isEmpty()) {
				contacts.update(system, contactId, patch);
			}
			sync.saveBaseline(workspace, crm, id, merged.baseline(), now);
			return sync.queue(workspace, synced, contactId, id, merged.push(), "field:" + contactId + ":" + runId, now);
		});
		if (changes.isEmpty()) {
			unchanged++;
			return contactId;
		}
		updated++;
		String reason = (note == null ? "" : note + "; ") + String.join("; ", changes);
		entry(id, email, "updated", reason.length() > 1000 ? reason.substring(0, 1000) : reason);
		return contactId;
	}

	private static void compare(Map<String, Object> patch, List<String> changes, Map<String, Object> fields, String key,
			String current) {
		Object value = fields.get(key);
		if (value != null && !value.toString().equals(current == null ? "" : current)) {
			patch.put(key, value);
			changes.add(key);
		}
	}

	private static String text(Map<String, Object> fields, String key) {
		Object value = fields.get(key);
		return value == null ? null : value.toString();
	}

	private static Map<String, Object> custom(Map<String, Object> fields) {
		Map<String, Object> custom = new LinkedHashMap<>();
		fields.forEach((key, value) -> {
			if (key.startsWith("custom.")) {
				custom.put(key.substring("custom.".length()), value);
			}
		});
		return custom;
	}

	/**
	 * Counts the record as skipped and logs why.
	 * @return empty
	 */
	public Optional<UUID> skip(String id, String email, String reason) {
		skipped++;
		entry(id, email, "skipped", reason);
		return Optional.empty();
	}

	private void entry(String id, String email, String outcome, String reason) {
		repository.entry(workspace, runId, ++seq, id == null || id.length() > 40 ? null : id, email, outcome, reason);
	}

}
