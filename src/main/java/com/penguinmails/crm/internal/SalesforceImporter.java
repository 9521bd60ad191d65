package com.penguinmails.crm.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import com.penguinmails.contacts.Contacts;
import com.penguinmails.contacts.Segments;
import com.penguinmails.crm.internal.CrmRepository.ConnectionRow;
import com.penguinmails.shared.Problem;
import com.penguinmails.shared.Tenant;

/**
 * Runs one Salesforce import: one SOQL query built by {@link Soql} (the object's standard
 * fields, the mapped custom ones, the user's checked condition), every page of it
 * ({@code nextRecordsUrl} to the end; above {@link SalesforceBulk#THRESHOLD} records by
 * its count, a Bulk API 2.0 query job's CSV pages instead), each record merged into a
 * contact keyed on the Salesforce record id through {@link RecordMerge} (an address
 * changed in Salesforce updates the same contact). Every imported contact joins the
 * connection's target list; the run's counts are written after every page.
 * <p>
 * Fields: LastModifiedDate (for the "newest wins" policy), Email, FirstName, LastName,
 * Title, Phone, Company (Lead) or Account.Name (Contact), Country (Lead) or
 * MailingCountry (Contact), Website (Lead) or Account.Website (Contact); custom
 * {@code Something__c} → the custom field it is mapped to. A refused grant marks the
 * connection {@code expired} (connect again), another Salesforce failure {@code failing};
 * either ends the run {@code failed} with Salesforce's words.
 */
@Component
public class SalesforceImporter {

	private static final String CRM = SalesforceRepository.CRM;

	/** A Salesforce record id: 15 or 18 letters and digits. */
	private static final Pattern RECORD_ID = Pattern.compile("[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?");

	/** Salesforce's dateTime: {@code 2026-11-30T10:11:12.000+0000} (or with Z). */
	private static final DateTimeFormatter SALESFORCE_TIME = DateTimeFormatter
		.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS][XX][XXX]");

	private static final Logger log = LoggerFactory.getLogger(SalesforceImporter.class);

	private final CrmRepository repository;

	private final SalesforceRepository salesforceRepository;

	private final SalesforceClient client;

	private final SalesforceBulk bulk;

	private final Contacts contacts;

	private final Segments segments;

	private final Clock clock;

	private final FieldSync sync;

	SalesforceImporter(CrmRepository repository, SalesforceRepository salesforceRepository, SalesforceClient client,
			SalesforceBulk bulk, Contacts contacts, Segments segments, Clock clock, FieldSync sync) {
		this.sync = sync;
		this.repository = repository;
		this.salesforceRepository = salesforceRepository;
		this.client = client;
		this.bulk = bulk;
		this.contacts = contacts;
		this.segments = segments;
		this.clock = clock;
	}

	/**
	 * Runs the import {@code runId} (already started in the sync log) to its end and
	 * finishes the run {@code done} or {@code failed}; never throws.
	 * @param session gives a session with the stored grant; an exception from it fails
	 * the run
	 */
	public void run(ConnectionRow row, UUID runId, Supplier<SalesforceClient.Session> session) {
		UUID workspace = row.workspaceId();
		RecordMerge merge = new RecordMerge(repository, contacts, clock, CRM, workspace, runId, sync,
				sync.fields(workspace, CRM, row.fieldMap()));
		Tenant system = Tenant.system(workspace);
		int pages = 0;
		try {
			SalesforceRepository.Source source = salesforceRepository.source(workspace);
			Map<String, String> standard = Soql.STANDARD.get(source.object());
			String soql = Soql.select(source.object(), List.copyOf(row.fieldMap().keySet()), source.condition());
			SalesforceClient.Session calls = session.get();
			UUID listId = targetList(system, row.targetList());
			int[] read = { 0 };
			Consumer<List<SalesforceClient.Record>> pageRead = records -> {
				List<UUID> imported = new ArrayList<>();
				for (SalesforceClient.Record record : records) {
					merge(merge, record, standard, row.fieldMap()).ifPresent(imported::add);
				}
				if (!imported.isEmpty()) {
					segments.addToList(system, listId, imported);
				}
				merge.progress(++read[0]);
			};
			if (bulk.count(calls, source.object(),
					Soql.condition(source.object(), source.condition())) > SalesforceBulk.THRESHOLD) {
				bulk.query(calls, soql, pageRead);
			}
			else {
				SalesforceClient.Page page = client.query(calls, soql);
				pageRead.accept(page.records());
				while (page.nextRecordsUrl() != null) {
					page = client.next(calls, page.nextRecordsUrl());
					pageRead.accept(page.records());
				}
			}
			pages = read[0];
			repository.finishRun(workspace, runId, "done", null, clock.instant());
			if (!"connected".equals(row.status())) {
				repository.markStatus(workspace, CRM, "connected", null);
			}
		}
		catch (SalesforceClient.Unauthorized ex) {
			repository.markStatus(workspace, CRM, "expired", ex.getMessage());
			repository.finishRun(workspace, runId, "failed", ex.getMessage(), clock.instant());
		}
		catch (SalesforceClient.Failed | Problem ex) {
			repository.markStatus(workspace, CRM, "failing", ex.getMessage());
			repository.finishRun(workspace, runId, "failed", ex.getMessage(), clock.instant());
		}
		catch (RuntimeException ex) {
			log.warn("Salesforce import {} of workspace {} failed", runId, workspace, ex);
			repository.finishRun(workspace, runId, "failed", "The import stopped: " + ex.getMessage(), clock.instant());
		}
		finally {
			merge.progress(pages);
		}
	}

	private UUID targetList(Tenant system, String name) {
		return segments.listNames(system)
			.stream()
			.filter(l -> l.name().equalsIgnoreCase(name))
			.map(Segments.ListName::id)
			.findFirst()
			.orElseGet(() -> segments.createList(system, name).id());
	}

	/** The contact the record went into, or empty when skipped. */
	private static Optional<UUID> merge(RecordMerge merge, SalesforceClient.Record record, Map<String, String> standard,
			Map<String, String> fieldMap) {
		// Salesforce answers with each field's API name as declared, whatever case the
		// query used.
		Map<String, String> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		values.putAll(record.fields());
		String email = values.getOrDefault("Email", "").strip();
		if (record.id() == null || !RECORD_ID.matcher(record.id()).matches()) {
			return merge.skip(record.id(), email,
					"The record has no Salesforce id (15 or 18 characters): " + record.id());
		}
		Map<String, Object> fields = new LinkedHashMap<>();
		standard.forEach((salesforce, ours) -> {
			if (!"email".equals(ours)) {
				put(fields, ours, values.get(salesforce));
			}
		});
		fieldMap.forEach((salesforce, key) -> put(fields, "custom." + key, values.get(salesforce)));
		return merge.merge(record.id(), email, fields, modifiedAt(values.get("LastModifiedDate")));
	}

	/**
	 * Salesforce's {@code LastModifiedDate} ({@code 2026-11-30T10:11:12.000+0000}; ISO
	 * 8601 with a zone offset in the Bulk API's CSV too), or null when missing or
	 * unreadable.
	 */
	static Instant modifiedAt(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return OffsetDateTime.parse(value.strip(), SALESFORCE_TIME).toInstant();
		}
		catch (DateTimeParseException ex) {
			try {
				return Instant.parse(value.strip());
			}
			catch (DateTimeParseException again) {
				return null;
			}
		}
	}

	private static void put(Map<String, Object> fields, String key, String value) {
		if (value != null && !value.isBlank()) {
			fields.put(key, value.strip());
		}
	}

}
