package com.penguinmails.contacts;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.penguinmails.contacts.internal.BulkJobRepository;
import com.penguinmails.contacts.internal.BulkJobRepository.NewJob;
import com.penguinmails.contacts.internal.BulkJobRepository.Selection;
import com.penguinmails.contacts.internal.ContactFields;
import com.penguinmails.shared.AuditedAction;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.PenguinMailsProperties;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.UnknownIdsProblem;
import com.penguinmails.shared.WorkspaceRole;

/**
 * Bulk actions on contacts as jobs: {@link #start} checks the request, records the job
 * (and one audit entry saying what, to how many, chosen how) and returns it; the
 * {@link ContactBulkWorker} applies it in batches of {@link #BATCH} in id order, each
 * batch committed with its progress. A selection of at most {@link #BATCH} contacts is
 * applied before {@link #start} returns.
 *
 * <p>
 * A filter's selection is not frozen: the walk takes the contacts matching when it
 * reaches them, so a contact added meanwhile with an id below the walk's position is
 * missed and one changed to match ahead of it is included (as listmonk's bulk actions).
 */
@Service
public class ContactBulkJobs {

	/** Contacts per batch (and the most a job runs inline). */
	public static final int BATCH = 1000;

	/** The most ids a request may name ({@code scope=selected}). */
	public static final int MAX_IDS = ContactSelection.MAX_BATCH;

	/**
	 * A bulk action to start.
	 *
	 * @param action what to do
	 * @param value the tag, list id, campaign id or status value; ignored for export and
	 * delete
	 * @param ids the chosen contacts (scope {@code selected}, 1 to {@link #MAX_IDS}), or
	 * null to take every contact matching {@code filter}
	 * @param filter the selection when {@code ids} is null ({@link ContactFilter#all()}:
	 * every contact); one of the two is required
	 */
	public record Request(BulkAction action, String value, List<UUID> ids, ContactFilter filter) {
	}

	/** Where an export goes, opened once the request is found good. */
	@FunctionalInterface
	public interface Output {

		Writer open() throws IOException;

	}

	private final BulkJobRepository jobs;

	private final ContactSelection selection;

	private final Contacts contacts;

	private final Segments segments;

	private final ObjectProvider<BulkEnrolment> enrolment;

	private final ObjectProvider<ContactBulkWorker> worker;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final PenguinMailsProperties properties;

	private final BulkBatches batches;

	ContactBulkJobs(BulkJobRepository jobs, ContactSelection selection, Contacts contacts, Segments segments,
			ObjectProvider<BulkEnrolment> enrolment, ObjectProvider<ContactBulkWorker> worker,
			ApplicationEventPublisher events, TransactionTemplate transactions, PenguinMailsProperties properties,
			BulkBatches batches) {
		this.batches = batches;
		this.jobs = jobs;
		this.selection = selection;
		this.contacts = contacts;
		this.segments = segments;
		this.enrolment = enrolment;
		this.worker = worker;
		this.events = events;
		this.transactions = transactions;
		this.properties = properties;
	}

	/**
	 * Starts a bulk action. Export needs the viewer role ({@code contacts:read}); the
	 * others the member role ({@code contacts:write}; enrolment also
	 * {@code campaigns:write}).
	 * @throws InvalidInputProblem {@code invalid-action}, {@code invalid-value},
	 * {@code invalid-ids} (none, more than {@link #MAX_IDS}, or null among them),
	 * {@code invalid-selection} (neither ids nor a filter), 409
	 * {@code enrolment-unavailable}
	 * @throws UnknownIdsProblem naming the ids that are not the workspace's contacts, or
	 * the list
	 * @throws NotFoundProblem for a campaign or segment that is not the workspace's
	 */
	public ContactBulkJob start(Tenant tenant, Request request, Instant now) {
		if (request.action() == null) {
			throw new InvalidInputProblem("invalid-action", "Choose an action: one of tag_add, tag_remove, list_add,"
					+ " list_remove, enrol, status, export, delete.");
		}
		BulkAction action = request.action();
		if (action == BulkAction.EXPORT) {
			tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		}
		else {
			tenant.require(WorkspaceRole.MEMBER, "contacts:write");
		}
		String[] value = checkedValue(tenant, action, request.value());
		Selection chosen = checkedSelection(tenant, request);
		long total = chosen.ids() != null ? chosen.ids().size() : selection.count(tenant, chosen.filter());
		String described = describe(tenant, chosen, total);
		UUID id = UUID.randomUUID();
		transactions.executeWithoutResult(status -> {
			jobs.insert(tenant.workspaceId(), new NewJob(id, action, value[0], value[1], chosen, described, total,
					tenant.userId(), tenant.apiKeyId(), now));
			events.publishEvent(AuditedAction.by(tenant, "contacts.bulk." + action.kind(),
					auditTarget(action, value[1], described, total), now));
		});
		if (total <= BATCH) {
			worker.getObject().runNow(id, now);
		}
		return get(tenant, id);
	}

	/**
	 * @throws NotFoundProblem when it is not a job of the caller's workspace
	 */
	public ContactBulkJob get(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		return jobs.find(tenant.workspaceId(), id).orElseThrow(() -> new NotFoundProblem("Bulk job"));
	}

	/** The workspace's newest jobs first, at most {@code limit} (1 to 200). */
	public List<ContactBulkJob> recent(Tenant tenant, int limit) {
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		return jobs.recent(tenant.workspaceId(), Math.max(1, Math.min(200, limit)));
	}

	/**
	 * Cancels a queued or running job: the batch under way finishes, no other starts;
	 * what was applied stays.
	 * @throws NotFoundProblem when it is not a job of the caller's workspace
	 * @throws InvalidInputProblem 409 {@code job-over} when it has ended
	 */
	public ContactBulkJob cancel(Tenant tenant, UUID id, Instant now) {
		tenant.require(WorkspaceRole.MEMBER, "contacts:write");
		get(tenant, id);
		if (!jobs.cancel(tenant.workspaceId(), id, now)) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "job-over", "The job has ended already.");
		}
		return get(tenant, id);
	}

	/**
	 * The CSV file of a finished export job of the caller's workspace.
	 * @throws NotFoundProblem when there is none (another workspace's, not an export, not
	 * done)
	 */
	public Path exportFile(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		Optional<Path> file = jobs.exportFile(tenant.workspaceId(), id)
			.map(relative -> Path.of(properties.dataDir()).resolve(relative))
			.filter(Files::isRegularFile);
		return file.orElseThrow(() -> new NotFoundProblem("Export"));
	}

	/**
	 * Writes every contact {@code filter} selects as CSV (the columns of
	 * {@code internal.ContactCsv}) to {@code output}, batch by batch, and records the
	 * export in the audit log.
	 * @throws NotFoundProblem for a segment that is not the workspace's (before anything
	 * is written)
	 */
	public void export(Tenant tenant, ContactFilter filter, Output output, Instant now) throws IOException {
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		String described = describe(tenant, Selection.of(filter), 0);
		transactions.executeWithoutResult(status -> events
			.publishEvent(AuditedAction.by(tenant, "contacts.exported", "CSV of " + described, now)));
		batches.export(tenant, selection, filter, output.open());
	}

	/** [stored value, value in words] for the action. */
	private String[] checkedValue(Tenant tenant, BulkAction action, String given) {
		String value = given == null ? "" : given.strip();
		switch (action) {
			case TAG_ADD, TAG_REMOVE -> {
				String tag = value.toLowerCase(Locale.ROOT);
				if (tag.isEmpty() || tag.length() > ContactFields.MAX_TAG_LENGTH) {
					throw new InvalidInputProblem("invalid-value",
							"Give a tag of 1 to " + ContactFields.MAX_TAG_LENGTH + " characters.");
				}
				return new String[] { tag, tag };
			}
			case LIST_ADD, LIST_REMOVE -> {
				UUID listId = uuid(value, "a list's id");
				return new String[] { value,
						segments.lists(tenant)
							.stream()
							.filter(list -> list.id().equals(listId))
							.findFirst()
							.orElseThrow(() -> new UnknownIdsProblem("Lists", List.of(listId)))
							.name() };
			}
			case STATUS -> {
				try {
					ContactStatus status = ContactStatus.of(value);
					return new String[] { status.value(), status.label() };
				}
				catch (IllegalArgumentException ex) {
					throw new InvalidInputProblem("invalid-value",
							"Give a status: active, unsubscribed, bounced or complained.");
				}
			}
			case ENROL -> {
				BulkEnrolment campaigns = enrolment.getIfAvailable();
				if (campaigns == null) {
					throw new InvalidInputProblem(HttpStatus.CONFLICT, "enrolment-unavailable",
							"Enrolling in campaigns is not available here.");
				}
				UUID campaignId = uuid(value, "a campaign's id");
				return new String[] { value, campaigns.check(tenant, campaignId) };
			}
			default -> {
				return new String[] { "", "" };
			}
		}
	}

	private Selection checkedSelection(Tenant tenant, Request request) {
		if (request.ids() == null) {
			if (request.filter() == null) {
				// Never "everything" by omission: a filter of no condition says it.
				throw new InvalidInputProblem("invalid-selection",
						"Give the contacts' ids, or a filter (an empty one selects every contact).");
			}
			return Selection.of(request.filter());
		}
		if (request.ids().isEmpty() || request.ids().size() > MAX_IDS
				|| request.ids().stream().anyMatch(java.util.Objects::isNull)) {
			throw new InvalidInputProblem("invalid-ids", "Select 1 to " + MAX_IDS + " contacts.");
		}
		List<UUID> missing = contacts.missing(tenant.workspaceId(), request.ids());
		if (!missing.isEmpty()) {
			throw new UnknownIdsProblem("Contacts", missing);
		}
		return new Selection(request.ids().stream().distinct().sorted().toList(), null, null, null, null, null);
	}

	private String describe(Tenant tenant, Selection chosen, long total) {
		if (chosen.ids() != null) {
			return ContactBulkJob.number(total) + (total == 1 ? " selected contact" : " selected contacts");
		}
		ContactFilter filter = chosen.filter();
		List<String> parts = new ArrayList<>();
		if (filter.q() != null && !filter.q().isBlank()) {
			parts.add("search “" + filter.q().strip() + "”");
		}
		if (filter.listId() != null) {
			parts.add("list " + segments.lists(tenant)
				.stream()
				.filter(list -> list.id().equals(filter.listId()))
				.map(Segments.ContactList::name)
				.findFirst()
				.orElse(filter.listId().toString()));
		}
		if (filter.tag() != null && !filter.tag().isBlank()) {
			parts.add("tag " + filter.tag().strip().toLowerCase(Locale.ROOT));
		}
		if (filter.status() != null) {
			parts.add("status " + filter.status().label().toLowerCase(Locale.ROOT));
		}
		if (filter.segmentId() != null) {
			parts.add("segment " + segments.segment(tenant, filter.segmentId()).name());
		}
		return parts.isEmpty() ? "all contacts" : "contacts matching " + String.join(", ", parts);
	}

	private static String auditTarget(BulkAction action, String valueLabel, String described, long total) {
		String what = action == BulkAction.DELETE ? "erased " : action.label().toLowerCase(Locale.ROOT) + " ";
		return what + (valueLabel.isEmpty() ? "" : "“" + valueLabel + "” ") + "— " + ContactBulkJob.number(total)
				+ " contacts: " + described;
	}

	private static UUID uuid(String value, String what) {
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputProblem("invalid-value", "Give " + what + ".");
		}
	}

}
