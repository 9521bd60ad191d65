package com.penguinmails.crm;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import com.penguinmails.contacts.Contact;
import com.penguinmails.contacts.ContactFilter;
import com.penguinmails.contacts.ContactSelection;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.contacts.Segments;
import com.penguinmails.crm.internal.CrmRepository;
import com.penguinmails.crm.internal.HubSpotClient;
import com.penguinmails.crm.internal.HubSpotWrites;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * "Send this list to HubSpot": a PenguinMails list's contacts created (or updated) in
 * HubSpot with {@code POST /crm/v3/objects/contacts/batch/upsert} ({@code idProperty:
 * email}, at most 100 per call), each record id returned stored in {@code crm_links} so
 * later imports and pushes find the contact. It runs in the background, holding the same
 * lease as an import (one sync per connection at a time), as a run of the sync log: a
 * record HubSpot created counts as created, one it had already as updated, and each
 * address of a partial answer (HTTP 207, {@code errors[]}) is skipped with HubSpot's
 * words. A 401 marks the connection expired and ends the run.
 * <p>
 * Sent: email, first and last name, company, job title, phone, website and country (the
 * blank ones left out, so HubSpot's values stay). Roles: a member ({@code crm:write}).
 */
@Service
public class HubSpotExport {

	private final CrmRepository repository;

	private final HubSpotConnections connections;

	private final HubSpotWrites hubspot;

	private final ContactSelection selection;

	private final Contacts contacts;

	private final Segments segments;

	private final ImportRuns runs;

	private final Clock clock;

	private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
		Thread thread = new Thread(r, "crm-export");
		thread.setDaemon(true);
		return thread;
	});

	HubSpotExport(CrmRepository repository, HubSpotConnections connections, HubSpotWrites hubspot,
			ContactSelection selection, Contacts contacts, Segments segments, ImportRuns runs, Clock clock) {
		this.runs = runs;
		this.repository = repository;
		this.connections = connections;
		this.hubspot = hubspot;
		this.selection = selection;
		this.contacts = contacts;
		this.segments = segments;
		this.clock = clock;
	}

	/**
	 * Starts sending the list's contacts to HubSpot, in the background; answers the run
	 * as it starts ({@code running}); follow it in the sync log.
	 * @throws NotFoundProblem when not connected, or for a list of another workspace or
	 * none; 409 {@code crm-expired} when the token was refused, 409
	 * {@code crm-import-running} while an import or another export runs
	 */
	public HubSpotSync.Run startExport(Tenant tenant, UUID listId) {
		tenant.require(WorkspaceRole.MEMBER, "crm:write");
		CrmRepository.ConnectionRow row = connections.row(tenant);
		if ("expired".equals(row.status())) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "crm-expired",
					"HubSpot refused the token: connect again. " + Objects.toString(row.message(), ""));
		}
		Segments.ContactList list = segments.lists(Tenant.system(tenant.workspaceId()))
			.stream()
			.filter(l -> l.id().equals(listId))
			.findFirst()
			.orElseThrow(() -> new NotFoundProblem("List"));
		UUID runId = runs.claim(row.workspaceId(), HubSpotConnections.CRM, "export of " + list.name())
			.orElseThrow(() -> new InvalidInputProblem(HttpStatus.CONFLICT, "crm-import-running",
					"An import from or an export to HubSpot is running already; its result shows in the sync log."));
		return runs.start(background, row.workspaceId(), runId, () -> runAndRelease(row, listId, runId),
				() -> release(row));
	}

	@PreDestroy
	void stop() {
		background.shutdownNow();
	}

	private void runAndRelease(CrmRepository.ConnectionRow row, UUID listId, UUID runId) {
		try {
			run(row, listId, runId);
		}
		catch (RuntimeException ex) {
			repository.finishRun(row.workspaceId(), runId, "failed", "The export stopped: " + ex.getMessage(),
					clock.instant());
		}
		finally {
			release(row);
		}
	}

	private void release(CrmRepository.ConnectionRow row) {
		// The lease only: an export does not move the import schedule.
		repository.releaseLease(row.workspaceId(), HubSpotConnections.CRM);
	}

	private void run(CrmRepository.ConnectionRow row, UUID listId, UUID runId) {
		UUID workspace = row.workspaceId();
		Tenant system = Tenant.system(workspace);
		Counts counts = new Counts();
		String token;
		try {
			token = connections.token(row);
		}
		catch (IllegalStateException ex) {
			repository.finishRun(workspace, runId, "failed",
					"The stored token cannot be read (was the master key changed?): connect again.", clock.instant());
			return;
		}
		ContactFilter filter = new ContactFilter(null, listId, null, null, null);
		UUID after = null;
		try {
			while (true) {
				List<UUID> ids = selection.ids(system, filter, after, 100);
				if (ids.isEmpty()) {
					break;
				}
				after = ids.get(ids.size() - 1);
				send(workspace, runId, token, contacts.byIds(system, ids).values(), counts);
				counts.batches++;
				repository.progress(workspace, runId, counts.batches, counts.created, counts.updated, 0,
						counts.skipped);
			}
			repository.finishRun(workspace, runId, "done", null, clock.instant());
		}
		catch (HubSpotClient.Unauthorized ex) {
			repository.markStatus(workspace, HubSpotConnections.CRM, "expired", ex.getMessage());
			repository.finishRun(workspace, runId, "failed", ex.getMessage(), clock.instant());
		}
		catch (HubSpotClient.Failed ex) {
			repository.finishRun(workspace, runId, "failed", ex.getMessage(), clock.instant());
		}
	}

	/** One batch: upserted, the returned ids linked, the refused addresses logged. */
	private void send(UUID workspace, UUID runId, String token, java.util.Collection<Contact> batch, Counts counts) {
		Map<String, Map<String, String>> inputs = new LinkedHashMap<>();
		Map<String, UUID> byEmail = new LinkedHashMap<>();
		for (Contact contact : batch) {
			String email = contact.email().toLowerCase(Locale.ROOT);
			byEmail.put(email, contact.id());
			inputs.put(email, properties(contact));
		}
		HubSpotWrites.BatchResult result = hubspot.upsertContacts(token, inputs);
		Map<String, String> refused = new LinkedHashMap<>();
		List<String> unnamed = new ArrayList<>();
		result.errors().forEach(error -> {
			if (error.ids().isEmpty()) {
				unnamed.add(error.message());
			}
			error.ids().forEach(id -> refused.put(id.toLowerCase(Locale.ROOT), error.message()));
		});
		java.util.Set<String> answered = new java.util.HashSet<>();
		result.results().forEach((recordId, email) -> {
			String key = email == null ? "" : email.toLowerCase(Locale.ROOT);
			UUID contact = byEmail.get(key);
			if (contact == null || recordId.length() > 40) {
				return;
			}
			answered.add(key);
			repository.link(workspace, HubSpotConnections.CRM, recordId, contact, clock.instant());
			boolean created = result.created().contains(recordId);
			if (created) {
				counts.created++;
			}
			else {
				counts.updated++;
			}
			counts.entry(repository, workspace, runId, recordId, key, created ? "created" : "updated",
					created ? "created in HubSpot" : "HubSpot had this address: updated and linked");
		});
		for (String email : byEmail.keySet()) {
			if (answered.contains(email)) {
				continue;
			}
			String why = refused.getOrDefault(email,
					unnamed.isEmpty() ? "HubSpot did not answer for this address." : String.join(" ", unnamed));
			counts.skipped++;
			counts.entry(repository, workspace, runId, null, email, "skipped", "HubSpot refused it: " + why);
		}
	}

	/** The contact's non-blank standard fields as HubSpot properties. */
	private static Map<String, String> properties(Contact contact) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("email", contact.email());
		put(values, "firstname", contact.firstName());
		put(values, "lastname", contact.lastName());
		put(values, "company", contact.company());
		put(values, "jobtitle", contact.title());
		put(values, "phone", contact.phone());
		put(values, "website", contact.website());
		put(values, "country", contact.country());
		return values;
	}

	private static void put(Map<String, String> values, String property, String value) {
		if (value != null && !value.isBlank()) {
			values.put(property, value);
		}
	}

	/** One run's counts and log sequence. */
	private static final class Counts {

		int batches;

		int created;

		int updated;

		int skipped;

		int seq;

		void entry(CrmRepository repository, UUID workspace, UUID runId, String recordId, String email, String outcome,
				String reason) {
			repository.entry(workspace, runId, ++seq, recordId, email, outcome, reason);
		}

	}

}
