package com.penguinmails.crm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.penguinmails.contacts.Contact;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.contacts.Segments;
import com.penguinmails.crm.internal.CrmRepository;
import com.penguinmails.crm.internal.HubSpotClient;
import com.penguinmails.shared.AuditedAction;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Problem;
import com.penguinmails.shared.Secrets;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * A workspace's HubSpot connection and its contact imports.
 * <p>
 * Connecting stores a private app token encrypted with {@link Secrets} (context
 * {@code crm:hubspot:<workspace>}); it is never returned, only its last four characters.
 * An import reads all contacts ({@code GET /crm/v3/objects/contacts}) or one list's
 * members ({@code GET /crm/v3/lists/{id}/memberships} then {@code batch/read}), following
 * the {@code paging.next.after} cursors to the end, and merges each record into a contact
 * keyed on the HubSpot record id ({@code crm_links}): a record seen before updates its
 * contact even when its address changed in HubSpot; a new record whose address is a
 * contact already is linked to it; otherwise a contact is created. Every imported contact
 * joins the connection's target list. Each record is written on its own, so a malformed
 * one is logged as skipped (with the reason) and the others import. A 401 marks the
 * connection {@code expired} ("Connect again") with HubSpot's reason.
 * <p>
 * Roles: reading needs a viewer ({@code crm:read}); connecting, the settings and
 * disconnecting an admin ({@code crm:write}); importing a member ({@code crm:write}).
 * Contacts are written as the workspace itself, so an API key needs no contacts scope.
 */
@Service
public class HubSpotSync {

	/** The CRM name stored in the tables. */
	public static final String CRM = "hubspot";

	/** Runs the page shows. */
	public static final int RUNS = 10;

	/** Entries of one run the log shows. */
	public static final int ENTRIES = 500;

	/** How long one import may hold the connection before another may start. */
	static final Duration LEASE = Duration.ofHours(2);

	private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_\\-.:]{10,300}");

	private static final Pattern PROPERTY = Pattern.compile("[a-z0-9_]{1,100}");

	private static final Pattern FIELD = Pattern.compile("[a-z0-9_]{1,64}");

	private static final Pattern LIST_ID = Pattern.compile("[0-9]{1,20}");

	private static final Logger log = LoggerFactory.getLogger(HubSpotSync.class);

	/** How often a scheduled import runs. */
	public enum Schedule {

		OFF("off", "Only when asked", null), HOURLY("hourly", "Every hour", Duration.ofHours(1)),
		DAILY("daily", "Every day", Duration.ofDays(1));

		private final String value;

		private final String label;

		private final Duration every;

		Schedule(String value, String label, Duration every) {
			this.value = value;
			this.label = label;
			this.every = every;
		}

		public String value() {
			return value;
		}

		public String label() {
			return label;
		}

		static Schedule of(String value) {
			for (Schedule s : values()) {
				if (s.value.equalsIgnoreCase(value == null ? "" : value.strip())) {
					return s;
				}
			}
			throw new InvalidInputProblem("crm-schedule", "The schedule is one of off, hourly or daily.");
		}

	}

	/**
	 * The connection as shown (never the token).
	 *
	 * @param status {@code connected}, {@code expired} (connect again) or {@code failing}
	 * @param statusLabel the status in words
	 * @param message why it is not connected (HubSpot's words), or null
	 * @param token "token ending in ab12"
	 * @param targetList the PenguinMails list imported contacts join
	 * @param sourceListId the HubSpot list imported (its ILS list id), or null for all
	 * contacts
	 * @param fieldMap HubSpot property → our custom field, for properties beyond the
	 * standard ones
	 * @param schedule {@code off}, {@code hourly} or {@code daily}
	 */
	public record Connection(String status, String statusLabel, String message, String token, String targetList,
			String sourceListId, Map<String, String> fieldMap, String schedule, Instant connectedAt,
			Instant lastImportAt, Instant nextImportAt) {

		/** Whether HubSpot refused the token and a new one is needed. */
		public boolean needsReconnect() {
			return "expired".equals(status);
		}

	}

	/**
	 * The import settings.
	 *
	 * @param targetList the PenguinMails list (created when missing), 1 to 200 characters
	 * @param sourceListId a HubSpot list id (digits), or blank for all contacts
	 * @param fieldMap HubSpot property (lower-case internal name) → custom field key
	 * ({@code [a-z0-9_]}), at most 50
	 * @param schedule {@code off}, {@code hourly} or {@code daily}
	 */
	public record Settings(String targetList, String sourceListId, Map<String, String> fieldMap, String schedule) {
	}

	/**
	 * The answer of "Test the connection".
	 *
	 * @param ok whether HubSpot answered 200 to
	 * {@code GET /crm/v3/objects/contacts?limit=1}
	 * @param message the result in words
	 */
	public record TestResult(boolean ok, String message) {
	}

	/**
	 * One import run of the sync log.
	 *
	 * @param status {@code running}, {@code done} or {@code failed}
	 * @param source "all contacts" or "list 123"
	 * @param pages pages read from HubSpot
	 * @param unchanged records already matching their contact
	 */
	public record Run(UUID id, String source, String status, String message, int pages, int created, int updated,
			int unchanged, int skipped, Instant startedAt, Instant finishedAt) {
	}

	/**
	 * What happened to one record.
	 *
	 * @param outcome {@code created}, {@code updated} or {@code skipped}
	 * @param reason why (skipped), or what changed (updated)
	 */
	public record Entry(String recordId, String email, String outcome, String reason) {
	}

	/** A run and its entries (at most {@value #ENTRIES}). */
	public record RunLog(Run run, List<Entry> entries) {
	}

	private final CrmRepository repository;

	private final HubSpotClient hubspot;

	private final Secrets secrets;

	private final Contacts contacts;

	private final Segments segments;

	private final ObjectMapper json;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	/** Runs the imports started from a page or the API, one at a time per node. */
	private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
		Thread thread = new Thread(r, "crm-import");
		thread.setDaemon(true);
		return thread;
	});

	HubSpotSync(CrmRepository repository, HubSpotClient hubspot, Secrets secrets, Contacts contacts, Segments segments,
			ObjectMapper json, Clock clock, ApplicationEventPublisher events, TransactionTemplate transactions) {
		this.events = events;
		this.transactions = transactions;
		this.repository = repository;
		this.hubspot = hubspot;
		this.secrets = secrets;
		this.contacts = contacts;
		this.segments = segments;
		this.json = json;
		this.clock = clock;
	}

	/** The connection, or empty when the workspace has none. */
	public Optional<Connection> connection(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "crm:read");
		return repository.connection(tenant.workspaceId(), CRM).map(this::view);
	}

	/**
	 * Stores (or replaces) the private app token after HubSpot accepted it. When HubSpot
	 * does not answer (no connection, 429 or 5xx after the retries) the token is kept
	 * with the status {@code failing} and HubSpot's words.
	 * @throws InvalidInputProblem {@code crm-token} for a malformed token or one HubSpot
	 * refuses (401, 403 or another 4xx; its words in the message)
	 */
	public Connection connect(Tenant tenant, String token) {
		tenant.require(WorkspaceRole.ADMIN, "crm:write");
		String trimmed = token == null ? "" : token.strip();
		if (!TOKEN.matcher(trimmed).matches()) {
			throw new InvalidInputProblem("crm-token",
					"Paste the private app's access token (it starts with pat-), from HubSpot's Settings → Integrations → Private Apps.");
		}
		String unanswered = null;
		try {
			hubspot.check(trimmed);
		}
		catch (HubSpotClient.Unauthorized ex) {
			throw new InvalidInputProblem("crm-token", ex.getMessage());
		}
		catch (HubSpotClient.Failed ex) {
			if (ex.status() != 0 && ex.status() != 429 && ex.status() < 500) {
				throw new InvalidInputProblem("crm-token", ex.getMessage());
			}
			// HubSpot did not answer: the token is kept, "failing" until a test or an
			// import gets through.
			unanswered = ex.getMessage();
		}
		UUID workspace = tenant.workspaceId();
		String failing = unanswered;
		transactions.executeWithoutResult(tx -> {
			repository.saveToken(workspace, CRM, secrets.encrypt(trimmed, context(workspace)),
					trimmed.substring(trimmed.length() - 4), clock.instant());
			if (failing != null) {
				repository.markStatus(workspace, CRM, "failing", failing);
			}
			events.publishEvent(AuditedAction.by(tenant, "crm.hubspot.connected",
					"HubSpot, token ending in " + trimmed.substring(trimmed.length() - 4), clock.instant()));
		});
		return connection(tenant).orElseThrow();
	}

	/**
	 * Calls {@code GET /crm/v3/objects/contacts?limit=1} with the stored token and says
	 * the result in words; a 401 marks the connection {@code expired}.
	 * @throws NotFoundProblem when not connected
	 */
	public TestResult test(Tenant tenant) {
		tenant.require(WorkspaceRole.MEMBER, "crm:write");
		CrmRepository.ConnectionRow row = row(tenant);
		String token;
		try {
			token = token(row);
		}
		catch (IllegalStateException ex) {
			return new TestResult(false,
					"The stored token cannot be read (was the master key changed?): connect again.");
		}
		try {
			hubspot.check(token);
			repository.markStatus(tenant.workspaceId(), CRM, "connected", null);
			return new TestResult(true, "Connected: HubSpot accepted the token and it can read contacts.");
		}
		catch (HubSpotClient.Unauthorized ex) {
			repository.markStatus(tenant.workspaceId(), CRM, "expired", ex.getMessage());
			return new TestResult(false, ex.getMessage());
		}
		catch (HubSpotClient.Failed ex) {
			return new TestResult(false, ex.getMessage());
		}
	}

	/**
	 * Saves the import settings; a schedule other than off starts one period from now.
	 * @throws InvalidInputProblem {@code crm-settings} naming the value that does not
	 * fit, {@code crm-schedule}
	 */
	public Connection saveSettings(Tenant tenant, Settings settings) {
		tenant.require(WorkspaceRole.ADMIN, "crm:write");
		row(tenant);
		String target = settings.targetList() == null ? "" : settings.targetList().strip();
		if (target.isEmpty() || target.length() > 200) {
			throw new InvalidInputProblem("crm-settings", "Name the list contacts join (1 to 200 characters).");
		}
		String source = settings.sourceListId() == null || settings.sourceListId().isBlank() ? null
				: settings.sourceListId().strip();
		if (source != null && !LIST_ID.matcher(source).matches()) {
			throw new InvalidInputProblem("crm-settings",
					"The HubSpot list id is the number in the list's address (…/objectLists/123), or blank for all contacts.");
		}
		Map<String, String> map = new LinkedHashMap<>();
		Map<String, String> given = settings.fieldMap() == null ? Map.of() : settings.fieldMap();
		if (given.size() > 50) {
			throw new InvalidInputProblem("crm-settings", "At most 50 mapped properties.");
		}
		given.forEach((property, field) -> {
			String p = property == null ? "" : property.strip().toLowerCase(Locale.ROOT);
			String f = field == null ? "" : field.strip().toLowerCase(Locale.ROOT);
			if (!PROPERTY.matcher(p).matches() || !FIELD.matcher(f).matches()) {
				throw new InvalidInputProblem("crm-settings", "Map a HubSpot property's internal name (e.g. "
						+ "industry) to a custom field key (letters, digits and _): " + property + " → " + field);
			}
			map.put(p, f);
		});
		Schedule schedule = Schedule.of(settings.schedule() == null ? "off" : settings.schedule());
		Instant next = schedule.every == null ? null : clock.instant().plus(schedule.every);
		repository.saveSettings(tenant.workspaceId(), CRM, target, source, write(map), schedule.value(), next);
		return connection(tenant).orElseThrow();
	}

	/**
	 * Forgets the token (the contacts and their links stay).
	 * @throws NotFoundProblem when not connected
	 */
	public void disconnect(Tenant tenant) {
		tenant.require(WorkspaceRole.ADMIN, "crm:write");
		transactions.executeWithoutResult(tx -> {
			if (!repository.delete(tenant.workspaceId(), CRM)) {
				throw new NotFoundProblem("HubSpot connection");
			}
			events.publishEvent(AuditedAction.by(tenant, "crm.hubspot.disconnected", "HubSpot", clock.instant()));
		});
	}

	/**
	 * Starts an import now, in the background (it reads HubSpot's pages to the end), and
	 * answers the run as it starts ({@code running}); its counts and log fill in as it
	 * goes.
	 * @throws NotFoundProblem when not connected; 409 {@code crm-expired} when the token
	 * was refused (connect again), 409 {@code crm-import-running} while another import
	 * runs
	 */
	public Run startImport(Tenant tenant) {
		tenant.require(WorkspaceRole.MEMBER, "crm:write");
		CrmRepository.ConnectionRow row = importable(tenant);
		UUID runId = claim(row).orElseThrow(HubSpotSync::running);
		try {
			background.execute(() -> runAndRelease(row, runId));
		}
		catch (RejectedExecutionException ex) {
			repository.finishRun(row.workspaceId(), runId, "failed", "PenguinMails is shutting down.", clock.instant());
			release(row);
		}
		return repository.run(row.workspaceId(), runId).map(HubSpotSync::run).orElseThrow();
	}

	/**
	 * Imports now, to the end of HubSpot's pages, in the caller's thread, and answers the
	 * finished run.
	 * @throws NotFoundProblem when not connected; 409 {@code crm-expired} when the token
	 * was refused (connect again), 409 {@code crm-import-running} while another import
	 * runs
	 */
	public Run importNow(Tenant tenant) {
		tenant.require(WorkspaceRole.MEMBER, "crm:write");
		CrmRepository.ConnectionRow row = importable(tenant);
		UUID runId = claim(row).orElseThrow(HubSpotSync::running);
		runAndRelease(row, runId);
		return repository.run(row.workspaceId(), runId).map(HubSpotSync::run).orElseThrow();
	}

	private CrmRepository.ConnectionRow importable(Tenant tenant) {
		CrmRepository.ConnectionRow row = row(tenant);
		if ("expired".equals(row.status())) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "crm-expired",
					"HubSpot refused the token: connect again. " + Objects.toString(row.message(), ""));
		}
		return row;
	}

	private static InvalidInputProblem running() {
		return new InvalidInputProblem(HttpStatus.CONFLICT, "crm-import-running",
				"An import from HubSpot is running already; its result shows in the sync log.");
	}

	/**
	 * Stops the background imports (a running one ends with the JVM; its lease expires).
	 */
	@PreDestroy
	void stop() {
		background.shutdownNow();
	}

	/** For the scheduler: runs the due scheduled imports one after another. */
	public int importDue() {
		int ran = 0;
		for (UUID workspace : repository.due(CRM, clock.instant())) {
			Optional<CrmRepository.ConnectionRow> row = repository.connection(workspace, CRM);
			if (row.isPresent() && runClaimed(row.get()).isPresent()) {
				ran++;
			}
		}
		return ran;
	}

	/** The newest runs, at most {@value #RUNS}. */
	public List<Run> runs(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "crm:read");
		return repository.runs(tenant.workspaceId(), CRM, RUNS).stream().map(HubSpotSync::run).toList();
	}

	/**
	 * One run with what happened to each record created, updated or skipped.
	 * @throws NotFoundProblem for a run of another workspace or none
	 */
	public RunLog runLog(Tenant tenant, UUID runId) {
		tenant.require(WorkspaceRole.VIEWER, "crm:read");
		CrmRepository.RunRow row = repository.run(tenant.workspaceId(), runId)
			.orElseThrow(() -> new NotFoundProblem("Sync run"));
		List<Entry> entries = repository.entries(tenant.workspaceId(), runId, ENTRIES)
			.stream()
			.map(e -> new Entry(e.recordId(), e.email(), e.outcome(), e.reason()))
			.toList();
		return new RunLog(run(row), entries);
	}

	/** The HubSpot record id a contact was imported from, if any. */
	public Optional<String> recordOf(Tenant tenant, UUID contactId) {
		tenant.require(WorkspaceRole.VIEWER, "crm:read");
		return repository.recordOf(tenant.workspaceId(), CRM, contactId);
	}

	private Optional<Run> runClaimed(CrmRepository.ConnectionRow row) {
		Optional<UUID> runId = claim(row);
		runId.ifPresent(id -> runAndRelease(row, id));
		return runId.flatMap(id -> repository.run(row.workspaceId(), id)).map(HubSpotSync::run);
	}

	/**
	 * Takes the lease and records the run as started; empty when another import holds it.
	 */
	private Optional<UUID> claim(CrmRepository.ConnectionRow row) {
		Instant now = clock.instant();
		if (!repository.claim(row.workspaceId(), CRM, now, now.plus(LEASE))) {
			return Optional.empty();
		}
		UUID runId = UUID.randomUUID();
		repository.startRun(row.workspaceId(), runId, CRM,
				row.sourceListId() == null ? "all contacts" : "list " + row.sourceListId(), now);
		return Optional.of(runId);
	}

	private void runAndRelease(CrmRepository.ConnectionRow row, UUID runId) {
		try {
			new Importer(row, runId).run();
		}
		finally {
			release(row);
		}
	}

	private void release(CrmRepository.ConnectionRow row) {
		Schedule schedule = Schedule.of(row.importEvery());
		Instant finished = clock.instant();
		repository.release(row.workspaceId(), CRM, finished,
				schedule.every == null ? null : finished.plus(schedule.every));
	}

	/** One import: pages, records, counts and the log. */
	private final class Importer {

		private final CrmRepository.ConnectionRow row;

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

		Importer(CrmRepository.ConnectionRow row, UUID runId) {
			this.row = row;
			this.runId = runId;
			this.workspace = row.workspaceId();
			this.system = Tenant.system(workspace);
			this.fieldMap = read(row.fieldMap());
		}

		void run() {
			try {
				String token = token(row);
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
			if (id == null || !LIST_ID.matcher(id).matches()) {
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

	private CrmRepository.ConnectionRow row(Tenant tenant) {
		return repository.connection(tenant.workspaceId(), CRM)
			.orElseThrow(() -> new NotFoundProblem("HubSpot connection"));
	}

	private String token(CrmRepository.ConnectionRow row) {
		return secrets.decrypt(row.token(), context(row.workspaceId()));
	}

	private static String context(UUID workspace) {
		return "crm:" + CRM + ":" + workspace;
	}

	private Connection view(CrmRepository.ConnectionRow row) {
		String label = switch (row.status()) {
			case "connected" -> "Connected";
			case "expired" -> "Connect again";
			default -> "Failing";
		};
		return new Connection(row.status(), label, row.message(), "token ending in " + row.tokenHint(),
				row.targetList(), row.sourceListId(), read(row.fieldMap()), row.importEvery(), row.connectedAt(),
				row.lastImportAt(), row.nextImportAt());
	}

	private static Run run(CrmRepository.RunRow r) {
		return new Run(r.id(), r.source(), r.status(), r.message(), r.pages(), r.created(), r.updated(), r.unchanged(),
				r.skipped(), r.startedAt(), r.finishedAt());
	}

	private Map<String, String> read(String text) {
		try {
			return text == null ? Map.of() : json.readValue(text, new TypeReference<LinkedHashMap<String, String>>() {
			});
		}
		catch (JsonProcessingException ex) {
			return Map.of();
		}
	}

	private String write(Map<String, String> map) {
		try {
			return json.writeValueAsString(map);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
