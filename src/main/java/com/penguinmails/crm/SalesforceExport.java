package com.penguinmails.crm;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.PreDestroy;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import com.penguinmails.contacts.Contact;
import com.penguinmails.contacts.ContactFilter;
import com.penguinmails.contacts.ContactSelection;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.contacts.Segments;
import com.penguinmails.crm.internal.CrmRepository;
import com.penguinmails.crm.internal.SalesforceClient;
import com.penguinmails.crm.internal.SalesforceWrites;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * "Send this list to Salesforce": a PenguinMails list's contacts not yet linked to a
 * Salesforce record created as Leads or Contacts with the Composite API ({@code POST
 * /services/data/{version}/composite/sobjects}, {@value SalesforceWrites#BATCH} a call,
 * {@code allOrNone: false}); each new id is stored in {@code crm_links} so pushes and
 * imports find the contact. Contacts linked already are left alone (counted unchanged).
 * Runs in the background under the import's lease, as a run of the sync log: created, or
 * skipped with Salesforce's words. A refused refresh marks the connection expired and
 * ends the run.
 * <p>
 * Sent: Email, FirstName, LastName, Title, Phone and, for a Lead, Company, Website and
 * Country (for a Contact MailingCountry); a Lead's required LastName and Company, and a
 * Contact's LastName, are {@value #NOT_PROVIDED} when blank, as Salesforce's own lead
 * import does. Roles: a member ({@code crm:write}).
 */
@Service
public class SalesforceExport {

	/** What Salesforce's lead import writes in a required field left blank. */
	public static final String NOT_PROVIDED = "[not provided]";

	private static final String CRM = SalesforceConnections.CRM;

	private final CrmRepository repository;

	private final SalesforceConnections connections;

	private final SalesforceWrites writes;

	private final ContactSelection selection;

	private final Contacts contacts;

	private final Segments segments;

	private final ImportRuns runs;

	private final Clock clock;

	private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
		Thread thread = new Thread(r, "crm-salesforce-export");
		thread.setDaemon(true);
		return thread;
	});

	SalesforceExport(CrmRepository repository, SalesforceConnections connections, SalesforceWrites writes,
			ContactSelection selection, Contacts contacts, Segments segments, ImportRuns runs, Clock clock) {
		this.repository = repository;
		this.connections = connections;
		this.writes = writes;
		this.selection = selection;
		this.contacts = contacts;
		this.segments = segments;
		this.runs = runs;
		this.clock = clock;
	}

	/**
	 * Starts creating the list's unlinked contacts in Salesforce as {@code object}
	 * ({@code Lead} or {@code Contact}), in the background; answers the run as it starts
	 * ({@code running}).
	 * @throws InvalidInputProblem {@code crm-export} for another object; 409
	 * {@code crm-expired} when the grant was refused, 409 {@code crm-import-running}
	 * while an import or another export runs
	 * @throws NotFoundProblem when not connected, or for a list of another workspace
	 */
	public HubSpotSync.Run startExport(Tenant tenant, UUID listId, String object) {
		tenant.require(WorkspaceRole.MEMBER, "crm:write");
		String type = object == null ? "" : object.strip().toLowerCase(Locale.ROOT);
		if (!type.equals("lead") && !type.equals("contact")) {
			throw new InvalidInputProblem("crm-export", "Send the list as Lead or Contact records.");
		}
		boolean lead = type.equals("lead");
		CrmRepository.ConnectionRow row = connections.row(tenant);
		if ("expired".equals(row.status())) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "crm-expired",
					"Salesforce refused the session: connect again. " + Objects.toString(row.message(), ""));
		}
		Segments.ContactList list = segments.lists(Tenant.system(tenant.workspaceId()))
			.stream()
			.filter(l -> l.id().equals(listId))
			.findFirst()
			.orElseThrow(() -> new NotFoundProblem("List"));
		UUID runId = runs
			.claim(row.workspaceId(), CRM, "export of " + list.name() + (lead ? " as Leads" : " as Contacts"))
			.orElseThrow(() -> new InvalidInputProblem(HttpStatus.CONFLICT, "crm-import-running",
					"An import from or an export to Salesforce is running already; its result shows in the sync log."));
		return runs.start(background, row.workspaceId(), runId, () -> runAndRelease(row, listId, lead, runId),
				() -> repository.releaseLease(row.workspaceId(), CRM));
	}

	@PreDestroy
	void stop() {
		background.shutdownNow();
	}

	private void runAndRelease(CrmRepository.ConnectionRow row, UUID listId, boolean lead, UUID runId) {
		UUID workspace = row.workspaceId();
		try {
			run(row, listId, lead, runId);
		}
		catch (SalesforceClient.Unauthorized ex) {
			repository.markStatus(workspace, CRM, "expired", ex.getMessage());
			repository.finishRun(workspace, runId, "failed", ex.getMessage(), clock.instant());
		}
		catch (RuntimeException ex) {
			repository.finishRun(workspace, runId, "failed", "The export stopped: " + ex.getMessage(), clock.instant());
		}
		finally {
			// The lease only: an export does not move the import schedule.
			repository.releaseLease(workspace, CRM);
		}
	}

	/** One run's counts and log sequence. */
	private static final class Counts {

		int batches;

		int created;

		int unchanged;

		int skipped;

		int seq;

	}

	private void run(CrmRepository.ConnectionRow row, UUID listId, boolean lead, UUID runId) {
		UUID workspace = row.workspaceId();
		Tenant system = Tenant.system(workspace);
		SalesforceClient.Session session;
		try {
			session = connections.session(row);
		}
		catch (IllegalStateException ex) {
			repository.finishRun(workspace, runId, "failed",
					"The stored grant cannot be read (was the master key changed?): connect again.", clock.instant());
			return;
		}
		ContactFilter filter = new ContactFilter(null, listId, null, null, null);
		Counts counts = new Counts();
		UUID after = null;
		while (true) {
			List<UUID> ids = selection.ids(system, filter, after, SalesforceWrites.BATCH);
			if (ids.isEmpty()) {
				break;
			}
			after = ids.get(ids.size() - 1);
			send(workspace, runId, session, lead, contacts.byIds(system, ids).values(), counts);
			counts.batches++;
			repository.progress(workspace, runId, counts.batches, counts.created, 0, counts.unchanged, counts.skipped);
		}
		repository.finishRun(workspace, runId, "done", null, clock.instant());
	}

	/** One batch: the unlinked created, the new ids linked, the refused logged. */
	private void send(UUID workspace, UUID runId, SalesforceClient.Session session, boolean lead,
			Collection<Contact> batch, Counts counts) {
		List<Contact> unlinked = new ArrayList<>();
		for (Contact contact : batch) {
			if (repository.recordOf(workspace, CRM, contact.id()).isPresent()) {
				counts.unchanged++;
			}
			else {
				unlinked.add(contact);
			}
		}
		if (unlinked.isEmpty()) {
			return;
		}
		List<SalesforceWrites.Result> results = writes.create(session,
				unlinked.stream().map(contact -> record(contact, lead)).toList());
		for (int i = 0; i < results.size(); i++) {
			SalesforceWrites.Result result = results.get(i);
			Contact contact = unlinked.get(i);
			if (result.success() && result.id() != null && result.id().length() <= 40) {
				repository.link(workspace, CRM, result.id(), contact.id(), clock.instant());
				counts.created++;
				repository.entry(workspace, runId, ++counts.seq, result.id(), contact.email(), "created",
						"created in Salesforce as a " + (lead ? "Lead" : "Contact"));
			}
			else {
				counts.skipped++;
				repository.entry(workspace, runId, ++counts.seq, null, contact.email(), "skipped",
						"Salesforce refused it: " + Objects.toString(result.message(), "no details"));
			}
		}
	}

	/** The contact as a new Lead or Contact, blank fields left out. */
	private ObjectNode record(Contact contact, boolean lead) {
		ObjectNode record = writes.record(lead ? "Lead" : "Contact");
		record.put("Email", contact.email());
		put(record, "FirstName", contact.firstName());
		record.put("LastName", blank(contact.lastName()) ? NOT_PROVIDED : contact.lastName());
		put(record, "Title", contact.title());
		put(record, "Phone", contact.phone());
		if (lead) {
			record.put("Company", blank(contact.company()) ? NOT_PROVIDED : contact.company());
			put(record, "Website", contact.website());
			put(record, "Country", contact.country());
		}
		else {
			put(record, "MailingCountry", contact.country());
		}
		return record;
	}

	private static void put(ObjectNode record, String field, String value) {
		if (!blank(value)) {
			record.put(field, value);
		}
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
