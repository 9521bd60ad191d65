package com.penguinmails.crm;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import com.penguinmails.crm.internal.CrmRepository;
import com.penguinmails.crm.internal.SalesforceImporter;
import com.penguinmails.crm.internal.SalesforceRepository;
import com.penguinmails.crm.internal.Soql;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * A workspace's Salesforce import settings, imports and their sync log; the connection is
 * {@link SalesforceConnections}'.
 * <p>
 * An import reads Contacts or Leads, all or those matching the user's SOQL WHERE
 * condition (checked by {@code internal.Soql}; the SELECT is built by PenguinMails),
 * through the REST query API to the last page, and merges each record into a contact
 * keyed on the Salesforce record id (see {@link SalesforceImporter}). Runs and the lease
 * are {@link HubSpotSync}'s shapes ({@link HubSpotSync.Run}, {@link HubSpotSync#LEASE}),
 * by the CRM name {@code salesforce}.
 * <p>
 * Roles: reading needs a viewer ({@code crm:read}); importing a member
 * ({@code crm:write}); the settings an admin ({@code crm:write}).
 */
@Service
public class SalesforceSync {

	/** The CRM name stored in the tables. */
	public static final String CRM = SalesforceConnections.CRM;

	private static final Pattern FIELD = Pattern.compile("[a-z0-9_]{1,64}");

	/**
	 * The import settings.
	 *
	 * @param object {@code Contact} or {@code Lead} (case ignored)
	 * @param condition a SOQL WHERE condition (without WHERE, at most 1000 characters),
	 * or blank for all records
	 * @param targetList the PenguinMails list (created when missing), 1 to 200 characters
	 * @param fieldMap custom field ({@code Something__c}) → our custom field key
	 * ({@code [a-z0-9_]}; blank: the name without {@code __c}, in lower case), at most 50
	 * @param schedule {@link ImportSchedule} value
	 */
	public record Settings(String object, String condition, String targetList, Map<String, String> fieldMap,
			String schedule) {
	}

	private final CrmRepository repository;

	private final SalesforceRepository salesforceRepository;

	private final SalesforceConnections connections;

	private final SalesforceImporter importer;

	private final ImportRuns runs;

	private final Clock clock;

	/** Runs the imports started from a page or the API, one at a time per node. */
	private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
		Thread thread = new Thread(r, "crm-salesforce-import");
		thread.setDaemon(true);
		return thread;
	});

	SalesforceSync(CrmRepository repository, SalesforceRepository salesforceRepository,
			SalesforceConnections connections, SalesforceImporter importer, ImportRuns runs, Clock clock) {
		this.repository = repository;
		this.salesforceRepository = salesforceRepository;
		this.connections = connections;
		this.importer = importer;
		this.runs = runs;
		this.clock = clock;
	}

	/**
	 * Saves the import settings; a schedule other than off starts one period from now.
	 * @throws InvalidInputProblem {@code crm-settings} naming the value that does not
	 * fit, {@code crm-filter} for a condition that is not allowed, {@code crm-schedule}
	 * @throws NotFoundProblem when not connected
	 */
	public SalesforceConnections.Connection saveSettings(Tenant tenant, Settings settings) {
		tenant.require(WorkspaceRole.ADMIN, "crm:write");
		connections.row(tenant);
		String object = Soql.OBJECTS.stream()
			.filter(o -> o.equalsIgnoreCase(Objects.toString(settings.object(), "Contact").strip()))
			.findFirst()
			.orElseThrow(() -> new InvalidInputProblem("crm-settings", "Import Contact or Lead records."));
		String condition = Soql.condition(object, settings.condition());
		String target = settings.targetList() == null ? "" : settings.targetList().strip();
		if (target.isEmpty() || target.length() > 200) {
			throw new InvalidInputProblem("crm-settings", "Name the list contacts join (1 to 200 characters).");
		}
		Map<String, String> given = settings.fieldMap() == null ? Map.of() : settings.fieldMap();
		if (given.size() > 50) {
			throw new InvalidInputProblem("crm-settings", "At most 50 mapped custom fields.");
		}
		Map<String, String> map = new LinkedHashMap<>();
		given.forEach((name, key) -> {
			String field = name == null ? "" : name.strip();
			String custom = key == null || key.isBlank()
					? field.toLowerCase(Locale.ROOT).replaceAll("__c$", "").replaceAll("[^a-z0-9_]", "_")
					: key.strip().toLowerCase(Locale.ROOT);
			if (!Soql.CUSTOM.matcher(field).matches() || !FIELD.matcher(custom).matches()) {
				throw new InvalidInputProblem("crm-settings",
						"Map a Salesforce custom field's API name (it ends in "
								+ "__c, e.g. Industry_Segment__c) to a custom field key (letters, digits and _): "
								+ name + " → " + key);
			}
			map.put(field, custom);
		});
		ImportSchedule schedule = ImportSchedule.of(settings.schedule() == null ? "off" : settings.schedule());
		Instant next = schedule.every() == null ? null : clock.instant().plus(schedule.every());
		repository.saveSettings(tenant.workspaceId(), CRM, target, null, map, schedule.value(), next);
		salesforceRepository.saveSource(tenant.workspaceId(), object, condition);
		return connections.connection(tenant).orElseThrow();
	}

	/**
	 * Starts an import now, in the background, and answers the run as it starts
	 * ({@code running}); its counts and log fill in as it goes.
	 * @throws NotFoundProblem when not connected; 409 {@code crm-expired} when the grant
	 * was refused (connect again), 409 {@code crm-import-running} while another import
	 * runs
	 */
	public HubSpotSync.Run startImport(Tenant tenant) {
		tenant.require(WorkspaceRole.MEMBER, "crm:write");
		CrmRepository.ConnectionRow row = importable(tenant);
		UUID runId = claim(row).orElseThrow(() -> ImportRuns.running("Salesforce"));
		return runs.start(background, row.workspaceId(), runId, () -> runAndRelease(row, runId),
				() -> runs.release(row.workspaceId(), CRM, row.importEvery()));
	}

	/**
	 * Imports now, to the last page, in the caller's thread, and answers the finished
	 * run.
	 * @throws NotFoundProblem when not connected; 409 {@code crm-expired} or
	 * {@code crm-import-running}
	 */
	public HubSpotSync.Run importNow(Tenant tenant) {
		tenant.require(WorkspaceRole.MEMBER, "crm:write");
		CrmRepository.ConnectionRow row = importable(tenant);
		UUID runId = claim(row).orElseThrow(() -> ImportRuns.running("Salesforce"));
		runAndRelease(row, runId);
		return runs.run(row.workspaceId(), runId);
	}

	/** For the scheduler: runs the due scheduled imports one after another. */
	public int importDue() {
		int ran = 0;
		for (UUID workspace : repository.due(CRM, clock.instant())) {
			Optional<CrmRepository.ConnectionRow> row = repository.connection(workspace, CRM);
			Optional<UUID> runId = row.flatMap(this::claim);
			if (runId.isPresent()) {
				runAndRelease(row.get(), runId.get());
				ran++;
			}
		}
		return ran;
	}

	/** The newest Salesforce runs, at most {@value HubSpotSync#RUNS}. */
	public List<HubSpotSync.Run> runs(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "crm:read");
		return runs.runs(tenant.workspaceId(), CRM);
	}

	/**
	 * One Salesforce run with what happened to each record created, updated or skipped.
	 * @throws NotFoundProblem for a run of another workspace or CRM, or none
	 */
	public HubSpotSync.RunLog runLog(Tenant tenant, UUID runId) {
		tenant.require(WorkspaceRole.VIEWER, "crm:read");
		return runs.runLog(tenant.workspaceId(), CRM, runId);
	}

	/** The Salesforce record id a contact was imported from, if any. */
	public Optional<String> recordOf(Tenant tenant, UUID contactId) {
		tenant.require(WorkspaceRole.VIEWER, "crm:read");
		return repository.recordOf(tenant.workspaceId(), CRM, contactId);
	}

	/**
	 * Stops the background imports (a running one ends with the JVM; its lease expires).
	 */
	@PreDestroy
	void stop() {
		background.shutdownNow();
	}

	private CrmRepository.ConnectionRow importable(Tenant tenant) {
		CrmRepository.ConnectionRow row = connections.row(tenant);
		if ("expired".equals(row.status())) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "crm-expired",
					"Salesforce refused the connection: connect again. " + Objects.toString(row.message(), ""));
		}
		return row;
	}

	private Optional<UUID> claim(CrmRepository.ConnectionRow row) {
		SalesforceRepository.Source source = salesforceRepository.source(row.workspaceId());
		String words = source.object() + "s" + (source.condition() == null ? "" : " where " + source.condition());
		return runs.claim(row.workspaceId(), CRM, words);
	}

	private void runAndRelease(CrmRepository.ConnectionRow row, UUID runId) {
		try {
			importer.run(row, runId, () -> connections.session(row));
		}
		finally {
			runs.release(row.workspaceId(), CRM, row.importEvery());
		}
	}

}
