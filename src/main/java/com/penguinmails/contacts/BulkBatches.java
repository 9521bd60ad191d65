package com.penguinmails.contacts;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import com.penguinmails.contacts.internal.BulkContactRepository;
import com.penguinmails.contacts.internal.BulkJobRepository;
import com.penguinmails.contacts.internal.BulkJobRepository.Claimed;
import com.penguinmails.contacts.internal.ContactChangeLog;
import com.penguinmails.contacts.internal.ContactCsv;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.PenguinMailsProperties;
import com.penguinmails.shared.Problem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * What a bulk job does to one batch of contacts, in the worker's transaction, with the
 * change each contact keeps for its timeline ({@link ContactChangeLog}, with the job's
 * id).
 */
@Component
class BulkBatches {

	/** What a batch did: applied, left as they were, could not be changed. */
	record Outcome(long done, long skipped, long failed) {
	}

	private final BulkContactRepository repository;

	private final ContactChangeLog changes;

	private final Contacts contacts;

	private final Suppressions suppressions;

	private final CustomFields fields;

	private final ObjectProvider<BulkEnrolment> enrolment;

	private final BulkJobRepository jobs;

	private final PenguinMailsProperties properties;

	private final ContactUpdates updates;

	BulkBatches(BulkContactRepository repository, ContactChangeLog changes, Contacts contacts,
			Suppressions suppressions, CustomFields fields, ObjectProvider<BulkEnrolment> enrolment,
			BulkJobRepository jobs, PenguinMailsProperties properties, ContactUpdates updates) {
		this.updates = updates;
		this.repository = repository;
		this.changes = changes;
		this.contacts = contacts;
		this.suppressions = suppressions;
		this.fields = fields;
		this.enrolment = enrolment;
		this.jobs = jobs;
		this.properties = properties;
	}

	/** Before the first batch of an export: a new file with the header row. */
	void begin(Claimed job, Instant now) throws IOException {
		if (job.action() != BulkAction.EXPORT || job.lastId() != null) {
			return;
		}
		Path file = exportPath(job);
		Files.createDirectories(file.getParent());
		Files.writeString(file, ContactCsv.header(customKeys(job.workspaceId())), StandardCharsets.UTF_8);
		jobs.exportFile(job.id(), Path.of(properties.dataDir()).relativize(file).toString());
	}

	Outcome apply(Claimed job, List<UUID> ids, Instant now) throws IOException {
		UUID ws = job.workspaceId();
		return switch (job.action()) {
			case TAG_ADD -> logged(job, ids, repository.addTag(ws, ids, job.value()), "tags", now);
			case TAG_REMOVE -> logged(job, ids, repository.removeTag(ws, ids, job.value()), "tags", now);
			case LIST_ADD ->
				logged(job, ids, repository.addToList(ws, UUID.fromString(job.value()), ids), "lists", now);
			case LIST_REMOVE ->
				logged(job, ids, repository.removeFromList(ws, UUID.fromString(job.value()), ids), "lists", now);
			case STATUS -> status(job, ids, now);
			case ENROL -> enrol(job, ids);
			case EXPORT -> export(job, ids);
			case DELETE -> {
				int deleted = repository.delete(ws, ids);
				yield new Outcome(deleted, ids.size() - deleted, 0);
			}
		};
	}

	/**
	 * Streams every contact a filter selects as CSV (the API's export), batch by batch.
	 */
	void export(Tenant tenant, ContactSelection selection, ContactFilter filter, Writer out) throws IOException {
		List<String> keys = customKeys(tenant.workspaceId());
		out.write(ContactCsv.header(keys));
		UUID after = null;
		while (true) {
			List<UUID> ids = selection.ids(tenant, filter, after, ContactBulkJobs.BATCH);
			if (ids.isEmpty()) {
				return;
			}
			writeRows(tenant.workspaceId(), ids, keys, out);
			after = ids.get(ids.size() - 1);
		}
	}

	/** Records the change on each timeline and publishes it ({@link ContactsChanged}). */
	private Outcome logged(Claimed job, List<UUID> ids, List<UUID> changed, String field, Instant now) {
		changes.record(job.workspaceId(), changed, job.action().kind(), job.valueLabel(), job.actorUserId(), job.id(),
				now);
		updates.updated(job.workspaceId(), changed, List.of(field), job.actorUserId());
		return new Outcome(changed.size(), ids.size() - changed.size(), 0);
	}

	/**
	 * Through {@link Contacts#update}, which suppresses the address as any status change
	 * does and records the change on the contact's timeline (as the job's member did it).
	 */
	private Outcome status(Claimed job, List<UUID> ids, Instant now) {
		ContactStatus wanted = ContactStatus.of(job.value());
		Tenant system = Tenant.system(job.workspaceId());
		Tenant actor = new Tenant(job.workspaceId(), job.actorUserId(), WorkspaceRole.OWNER, Set.of(), null);
		long done = 0;
		long failed = 0;
		for (Contact contact : contacts.byIds(system, ids).values()) {
			if (contact.status() == wanted) {
				continue;
			}
			try {
				contacts.update(actor, contact.id(), Map.of("status", wanted.value()));
				done++;
			}
			catch (NotFoundProblem ex) {
				// Deleted meanwhile: skipped.
			}
			catch (Problem ex) {
				failed++;
			}
		}
		return new Outcome(done, ids.size() - done - failed, failed);
	}

	/**
	 * Active, unsuppressed contacts join; the others and those enrolled already are
	 * skipped.
	 */
	private Outcome enrol(Claimed job, List<UUID> ids) {
		BulkEnrolment campaigns = enrolment.getIfAvailable();
		if (campaigns == null) {
			throw new IllegalStateException("Enrolling in campaigns is not available here.");
		}
		Map<UUID, Contact> found = contacts.byIds(Tenant.system(job.workspaceId()), ids);
		var suppressed = suppressions.suppressedAmong(job.workspaceId(),
				found.values().stream().map(Contact::email).toList());
		List<UUID> eligible = found.values()
			.stream()
			.filter(c -> c.status() == ContactStatus.ACTIVE && !suppressed.contains(c.email()))
			.map(Contact::id)
			.sorted()
			.toList();
		int joined = eligible.isEmpty() ? 0
				: campaigns.enrol(job.workspaceId(), UUID.fromString(job.value()), eligible);
		return new Outcome(joined, ids.size() - joined, 0);
	}

	private Outcome export(Claimed job, List<UUID> ids) throws IOException {
		List<String> keys = customKeys(job.workspaceId());
		try (Writer out = Files.newBufferedWriter(exportPath(job), StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
			int written = writeRows(job.workspaceId(), ids, keys, out);
			return new Outcome(written, ids.size() - written, 0);
		}
	}

	private int writeRows(UUID workspaceId, List<UUID> ids, List<String> keys, Writer out) throws IOException {
		List<Contact> rows = contacts.byIds(Tenant.system(workspaceId), ids)
			.values()
			.stream()
			.sorted(Comparator.comparing(Contact::id))
			.toList();
		ContactCsv.write(out, rows, repository.listNames(workspaceId, ids), keys);
		out.flush();
		return rows.size();
	}

	private List<String> customKeys(UUID workspaceId) {
		return fields.list(Tenant.system(workspaceId)).stream().map(CustomFields.Field::key).toList();
	}

	private Path exportPath(Claimed job) {
		return Path.of(properties.dataDir(), "exports", job.workspaceId().toString(), job.id() + ".csv");
	}

}
