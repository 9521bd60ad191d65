package com.penguinmails.crm.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import com.penguinmails.contacts.Contact;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.contacts.Segments;
import com.penguinmails.crm.HubSpotConnections;
import com.penguinmails.crm.internal.CrmRepository.ConnectionRow;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Problem;
import com.penguinmails.shared.Tenant;

/**
 * Writes one HubSpot import: reads every page ({@code paging.next.after} to the end) of
 * all contacts or one list's members and merges each record into a contact keyed on the
 * HubSpot record id ({@code crm_links}). A record seen before updates its contact even
 * when its address changed in HubSpot; a new record whose address is a contact already is
 * linked to it; otherwise a contact is created. Every imported contact joins the
 * connection's target list. Each record is written on its own, so a malformed one is
 * logged as skipped with the reason and the others import. The run's counts are written
 * after every page, so the sync log shows progress.
 * <p>
 * A 401 marks the connection {@code expired} (connect again), another HubSpot failure
 * {@code failing}; either ends the run {@code failed} with HubSpot's words.
 */
@Component
public class HubSpotImporter {

	private static final String CRM = HubSpotConnections.CRM;

	/** A HubSpot record id: digits. */
	private static final Pattern RECORD_ID = Pattern.compile("[0-9]{1,20}");

	private static final Logger log = LoggerFactory.getLogger(HubSpotImporter.class);

	private final CrmRepository repository;

	private final HubSpotClient hubspot;

	private final Contacts contacts;

	private final Segments segments;

	private final Clock clock;

	HubSpotImporter(CrmRepository repository, HubSpotClient hubspot, Contacts contacts, Segments segments,
			Clock clock) {
		this.repository = repository;
		this.hubspot = hubspot;
		this.contacts = contacts;
		this.segments = segments;
		this.clock = clock;
	}

	/**
	 * Runs the import {@code runId} (already started in the sync log) to its end and
	 * finishes the run {@code done} or {@code failed}; never throws.
	 * @param token gives the private app token (decrypted); an exception from it fails
	 * the run
	 */
	public void run(ConnectionRow row, UUID runId, Supplier<String> token) {
		new Pass(row, runId, token).run();
	}

	/** One import: pages, records, counts and the log. */
	private final class Pass {

		private final ConnectionRow row;

		private final UUID runId;

		private final UUID workspace;

		private final Tenant system;

		private final Map<String, String> fieldMap;

		private int pages;

		private int created;

		private int updated;

		private int unchanged;

		private int skipped;

		private int seq;

		private final Supplier<String> token;

		Pass(ConnectionRow row, UUID runId, Supplier<String> token) {
			this.token = token;
			this.row = row;
			this.runId = runId;
			this.workspace = row.workspaceId();
			this.system = Tenant.system(workspace);
			this.fieldMap = row.fieldMap();
		}

		void run() {
			try {
				String token = this.token.get();
				UUID listId = targetList();
				List<String> extra = List.copyOf(fieldMap.keySet());
				String after = null;
				do {
					HubSpotClient.Page page = row.sourceListId() == null ? hubspot.contacts(token, after, extra)
							: hubspot.listMembers(token, row.sourceListId(), after, extra);
					pages++;
					List<UUID> imported = new ArrayList<>();
					for (HubSpotClient.Record record : page.records()) {
						merge(record).ifPresent(imported::add);
					}
					if (!imported.isEmpty()) {
						segments.addToList(system, listId, imported);
					}
					repository.progress(workspace, runId, pages, created, updated, unchanged, skipped);
					after = page.after();
				}
				while (after != null);
				repository.finishRun(workspace, runId, "done", null, clock.instant());
				if (!"connected".equals(row.status())) {
					repository.markStatus(workspace, CRM, "connected", null);
				}
			}
			catch (HubSpotClient.Unauthorized ex) {
				repository.markStatus(workspace, CRM, "expired", ex.getMessage());
				repository.finishRun(workspace, runId, "failed", ex.getMessage(), clock.instant());
			}
			catch (HubSpotClient.Failed ex) {
				repository.markStatus(workspace, CRM, "failing", ex.getMessage());
				repository.finishRun(workspace, runId, "failed", ex.getMessage(), clock.instant());
			}
			catch (RuntimeException ex) {
				log.warn("HubSpot import {} of workspace {} failed", runId, workspace, ex);
				repository.finishRun(workspace, runId, "failed", "The import stopped: " + ex.getMessage(),
						clock.instant());
			}
			finally {
				repository.progress(workspace, runId, pages, created, updated, unchanged, skipped);
			}
		}

		private UUID targetList() {
			return segments.listNames(system)
				.stream()
				.filter(l -> l.name().equalsIgnoreCase(row.targetList()))
				.map(Segments.ListName::id)
				.findFirst()
				.orElseGet(() -> segments.createList(system, row.targetList()).id());
		}

		/** The contact the record went into, or empty when skipped. */
		private Optional<UUID> merge(HubSpotClient.Record record) {
			String id = record.id();
			String email = record.properties().getOrDefault("email", "").strip();
			if (id == null || !RECORD_ID.matcher(id).matches()) {
				return skip(id, email, "The record has no HubSpot id (or not a number): " + id);
			}
			if (email.isEmpty()) {
				return skip(id, null, "The record has no email address.");
			}
			Map<String, Object> fields = fields(record);
			try {
				Optional<UUID> linked = repository.linkedContact(workspace, CRM, id);
				if (linked.isPresent()) {
					return Optional.of(apply(id, linked.get(), email, fields, null));
				}
				Optional<UUID> byEmail = contacts.idByEmail(workspace, email);
				if (byEmail.isPresent()) {
					repository.link(workspace, CRM, id, byEmail.get(), clock.instant());
					return Optional
						.of(apply(id, byEmail.get(), email, fields, "matched an existing contact by address"));
				}
				Contact contact = contacts.create(system,
						new Contacts.NewContact(email, text(fields, "firstName"), text(fields, "lastName"),
								text(fields, "company"), text(fields, "title"), text(fields, "phone"),
								text(fields, "website"), text(fields, "linkedinUrl"), null, text(fields, "country"),
								custom(fields), List.of()));
				repository.link(workspace, CRM, id, contact.id(), clock.instant());
				created++;
				entry(id, contact.email(), "created", null);
				return Optional.of(contact.id());
			}
			catch (Problem problem) {
				return skip(id, email, problem.getMessage());
			}
		}

		/** Patches the contact with the values that differ. */
		private UUID apply(String id, UUID contactId, String email, Map<String, Object> fields, String note) {
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
			compare(patch, changes, fields, "firstName", current.firstName());
			compare(patch, changes, fields, "lastName", current.lastName());
			compare(patch, changes, fields, "company", current.company());
			compare(patch, changes, fields, "title", current.title());
			compare(patch, changes, fields, "phone", current.phone());
			compare(patch, changes, fields, "website", current.website());
			compare(patch, changes, fields, "linkedinUrl", current.linkedinUrl());
			compare(patch, changes, fields, "country", current.country());
			Map<String, Object> custom = new LinkedHashMap<>();
			custom(fields).forEach((key, value) -> {
				Object had = current.custom() == null ? null : current.custom().get(key);
				if (had == null || !had.toString().equals(value.toString())) {
					custom.put(key, value);
				}
			});
			if (!custom.isEmpty()) {
				patch.put("custom", custom);
				changes.add(String.join(", ", custom.keySet()));
			}
			if (patch.isEmpty()) {
				unchanged++;
				return contactId;
			}
			contacts.update(system, contactId, patch);
			updated++;
			String reason = (note == null ? "" : note + "; ") + String.join("; ", changes);
			entry(id, email, "updated", reason.length() > 1000 ? reason.substring(0, 1000) : reason);
			return contactId;
		}

		private static void compare(Map<String, Object> patch, List<String> changes, Map<String, Object> fields,
				String key, String current) {
			Object value = fields.get(key);
			if (value != null && !value.toString().equals(current == null ? "" : current)) {
				patch.put(key, value);
				changes.add(key);
			}
		}

		/** Our field names → the record's values (non-blank ones). */
		private Map<String, Object> fields(HubSpotClient.Record record) {
			Map<String, String> p = record.properties();
			Map<String, Object> fields = new LinkedHashMap<>();
			put(fields, "firstName", p.get("firstname"));
			put(fields, "lastName", p.get("lastname"));
			put(fields, "company", p.get("company"));
			put(fields, "title", p.get("jobtitle"));
			put(fields, "phone", p.get("phone"));
			put(fields, "website", p.get("website"));
			put(fields, "linkedinUrl", p.get("hs_linkedin_url"));
			put(fields, "country", p.get("country"));
			fieldMap.forEach((property, field) -> put(fields, "custom." + field, p.get(property)));
			return fields;
		}

		private static void put(Map<String, Object> fields, String key, String value) {
			if (value != null && !value.isBlank()) {
				fields.put(key, value.strip());
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

		private Optional<UUID> skip(String id, String email, String reason) {
			skipped++;
			entry(id, email, "skipped", reason);
			return Optional.empty();
		}

		private void entry(String id, String email, String outcome, String reason) {
			repository.entry(workspace, runId, ++seq, id == null || id.length() > 40 ? null : id, email, outcome,
					reason);
		}

	}

}
