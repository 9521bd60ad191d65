package com.penguinmails.crm.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import com.penguinmails.contacts.Contacts;
import com.penguinmails.contacts.Segments;
import com.penguinmails.crm.HubSpotConnections;
import com.penguinmails.crm.internal.CrmRepository.ConnectionRow;
import com.penguinmails.shared.Tenant;

/**
 * Runs one HubSpot import: reads every page ({@code paging.next.after} to the end) of all
 * contacts or one list's members and merges each record into a contact keyed on the
 * HubSpot record id through {@link RecordMerge}: a record seen before updates its contact
 * even when its address changed in HubSpot; a new record whose address is a contact
 * already is linked to it; otherwise a contact is created. Every imported contact joins
 * the connection's target list. Each record is written on its own, so a malformed one is
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

	private final FieldSync sync;

	HubSpotImporter(CrmRepository repository, HubSpotClient hubspot, Contacts contacts, Segments segments, Clock clock,
			FieldSync sync) {
		this.sync = sync;
		this.repository = repository;
		this.hubspot = hubspot;
		this.contacts = contacts;
		this.segments = segments;
		this.clock = clock;
	}

	/**
	 * Runs the import {@code runId} (already started in the sync log) to its end and
	 * finishes the run {@code done} or {@code failed}; never throws.
	 * @param tokens gives the access token before each page, and a refreshed one after a
	 * 401 (the page is then asked once more); an exception from it fails the run
	 */
	public void run(ConnectionRow row, UUID runId, AccessTokens tokens) {
		new Pass(row, runId, tokens).run();
	}

	/**
	 * The access token of a connection, whichever its kind ({@code HubSpotConnections}
	 * gives it).
	 */
	public interface AccessTokens {

		/** A valid access token (an OAuth one refreshed when it ends within a minute). */
		String current();

		/**
		 * The token to ask again with after HubSpot answered 401 to {@code refused}.
		 * @throws HubSpotClient.Unauthorized {@code unauthorized} for a private app
		 * token, or HubSpot's refusal to refresh
		 */
		String afterUnauthorized(String refused, HubSpotClient.Unauthorized unauthorized);

	}

	/** One import: pages, records, counts and the log. */
	private final class Pass {

		private final ConnectionRow row;

		private final UUID runId;

		private final UUID workspace;

		private final Tenant system;

		private final Map<String, String> fieldMap;

		private final AccessTokens tokens;

		private final RecordMerge merge;

		private int pages;

		Pass(ConnectionRow row, UUID runId, AccessTokens tokens) {
			this.tokens = tokens;
			this.row = row;
			this.runId = runId;
			this.workspace = row.workspaceId();
			this.system = Tenant.system(workspace);
			this.fieldMap = row.fieldMap();
			this.merge = new RecordMerge(repository, contacts, clock, CRM, workspace, runId, sync,
					sync.fields(workspace, CRM, fieldMap));
		}

		void run() {
			try {
				UUID listId = targetList();
				List<String> extra = List.copyOf(fieldMap.keySet());
				String after = null;
				do {
					HubSpotClient.Page page = page(after, extra);
					pages++;
					List<UUID> imported = new ArrayList<>();
					for (HubSpotClient.Record record : page.records()) {
						merge(record).ifPresent(imported::add);
					}
					if (!imported.isEmpty()) {
						segments.addToList(system, listId, imported);
					}
					merge.progress(pages);
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
				merge.progress(pages);
			}
		}

		/**
		 * One page, with the current access token; after a 401, once more with a
		 * refreshed one.
		 */
		private HubSpotClient.Page page(String after, List<String> extra) {
			String token = tokens.current();
			try {
				return page(token, after, extra);
			}
			catch (HubSpotClient.Unauthorized ex) {
				return page(tokens.afterUnauthorized(token, ex), after, extra);
			}
		}

		private HubSpotClient.Page page(String token, String after, List<String> extra) {
			return row.sourceListId() == null ? hubspot.contacts(token, after, extra)
					: hubspot.listMembers(token, row.sourceListId(), after, extra);
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
				return merge.skip(id, email, "The record has no HubSpot id (or not a number): " + id);
			}
			return merge.merge(id, email, fields(record), modifiedAt(record.properties().get("lastmodifieddate")));
		}

		/**
		 * HubSpot's {@code lastmodifieddate} (ISO 8601, always among a record's
		 * properties), or null when missing or unreadable.
		 */
		private static Instant modifiedAt(String value) {
			try {
				return value == null || value.isBlank() ? null : Instant.parse(value.strip());
			}
			catch (java.time.format.DateTimeParseException ex) {
				return null;
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

	}

}
