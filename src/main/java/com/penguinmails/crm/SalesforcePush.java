package com.penguinmails.crm;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Service;

import com.penguinmails.crm.internal.CrmRepository;
import com.penguinmails.crm.internal.PushRepository;
import com.penguinmails.crm.internal.PushRepository.PushRow;
import com.penguinmails.crm.internal.SalesforceClient;
import com.penguinmails.crm.internal.SalesforceWrites;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * Push-back to Salesforce: what happens to a contact linked to a Salesforce Lead
 * ({@code 00Q…}) or Contact ({@code 003…}) is queued by crm's event listeners in
 * {@code crm_push_queue} (see {@link SalesforcePushSettings}) and sent by
 * {@link #pushDue()}, which the push worker calls with HubSpot's.
 * <p>
 * Tasks (action {@code task}) are created, field changes (action {@code properties}, also
 * those queued by field sync, kind {@code field}) merged per record (the newest value of
 * a field wins) and updated, through the Composite API's sObject Collections
 * ({@link SalesforceWrites}, 200 records a call, {@code allOrNone: false}). Each record's
 * answer decides its pushes: sent, or Salesforce's words kept; a record deleted or not
 * found ({@code DELETED_ENTITY}, {@code INVALID_CROSS_REFERENCE_KEY}, or a value the
 * field refuses) is given up, another record error tried again. An expired session is
 * refreshed once by {@link SalesforceClient}; REQUEST_LIMIT_EXCEEDED and 5xx are waited
 * out there and then backed off as HubSpot's (30 s doubling to an hour, at most
 * {@link CrmProperties#pushMaxAttempts()} attempts); a refused refresh marks the
 * connection {@code expired} and holds its queue until it is connected again.
 * <p>
 * Roles: reading needs a viewer ({@code crm:read}); the settings an admin
 * ({@code crm:write}).
 */
@Service
public class SalesforcePush {

	private static final String CRM = SalesforceConnections.CRM;

	/** A field's API name: standard ({@code Status}) or custom ({@code Stage__c}). */
	private static final Pattern FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,79}");

	/** Record errors that do not get better by trying again. */
	private static final Set<String> FINAL = Set.of("DELETED_ENTITY", "ENTITY_IS_DELETED",
			"INVALID_CROSS_REFERENCE_KEY", "INVALID_FIELD", "INVALID_ID_FIELD", "MALFORMED_ID",
			"INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", "INVALID_TYPE_ON_FIELD_IN_RECORD", "REQUIRED_FIELD_MISSING",
			"FIELD_CUSTOM_VALIDATION_EXCEPTION", "STRING_TOO_LONG", "INSUFFICIENT_ACCESS_OR_READONLY",
			"INVALID_FIELD_FOR_INSERT_UPDATE", "FIELD_INTEGRITY_EXCEPTION");

	private final PushRepository pushes;

	private final CrmRepository repository;

	private final SalesforceConnections connections;

	private final SalesforceWrites writes;

	private final CrmProperties properties;

	private final ObjectMapper json;

	private final Clock clock;

	SalesforcePush(PushRepository pushes, CrmRepository repository, SalesforceConnections connections,
			SalesforceWrites writes, CrmProperties properties, ObjectMapper json, Clock clock) {
		this.pushes = pushes;
		this.repository = repository;
		this.connections = connections;
		this.writes = writes;
		this.properties = properties;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * The connection's push settings.
	 * @throws NotFoundProblem when not connected
	 */
	public SalesforcePushSettings settings(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "crm:read");
		connections.row(tenant);
		return pushes.settings(tenant.workspaceId(), CRM, SalesforcePushSettings.class, SalesforcePushSettings.off())
			.orElseGet(SalesforcePushSettings::off);
	}

	/**
	 * Saves what is pushed.
	 * @throws InvalidInputProblem {@code crm-push-settings} for an unknown kind or label,
	 * a field that is not an API name, or a value over 255 characters
	 * @throws NotFoundProblem when not connected
	 */
	public SalesforcePushSettings saveSettings(Tenant tenant, SalesforcePushSettings settings) {
		tenant.require(WorkspaceRole.ADMIN, "crm:write");
		connections.row(tenant);
		SalesforcePushSettings given = settings == null ? SalesforcePushSettings.off() : settings;
		for (String kind : given.kinds()) {
			if (!PushSettings.KINDS.contains(kind)) {
				throw problem("Push one of: " + String.join(", ", PushSettings.KINDS) + " (not " + kind + ").");
			}
		}
		if (!FIELD.matcher(given.leadField()).matches()) {
			throw problem("The Lead field is an API name (e.g. Status or Stage__c): " + given.leadField());
		}
		if (!given.contactField().isEmpty() && !FIELD.matcher(given.contactField()).matches()) {
			throw problem("The Contact field is an API name (e.g. Stage__c), or blank: " + given.contactField());
		}
		Map<String, String> values = new LinkedHashMap<>();
		given.labelValues().forEach((label, value) -> {
			if (!com.penguinmails.inbound.Inbox.LABELS.contains(label)) {
				throw problem("No inbox label " + label + ".");
			}
			String text = value == null ? "" : value.strip();
			if (text.length() > 255) {
				throw problem("A field value is at most 255 characters.");
			}
			if (!text.isEmpty()) {
				values.put(label, text);
			}
		});
		SalesforcePushSettings saved = new SalesforcePushSettings(
				PushSettings.KINDS.stream().filter(given.kinds()::contains).toList(), given.leadField(), values,
				given.contactField(), given.optOut());
		pushes.saveSettings(tenant.workspaceId(), CRM, saved);
		return saved;
	}

	/** The newest pushes, at most {@value HubSpotPush#RECENT}, with their outcome. */
	public List<HubSpotPush.Push> pushes(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "crm:read");
		return pushes.recent(tenant.workspaceId(), CRM, HubSpotPush.RECENT).stream().map(this::push).toList();
	}

	/**
	 * Sends the due pushes of every workspace (at most {@value HubSpotPush#CLAIM} a
	 * round), claimed with {@code FOR UPDATE SKIP LOCKED} so several nodes share the
	 * queue.
	 * @return how many were sent
	 */
	public int pushDue() {
		Map<UUID, List<PushRow>> byWorkspace = pushes.claimByWorkspace(CRM, clock.instant(), HubSpotPush.LEASE,
				HubSpotPush.CLAIM);
		int sent = 0;
		for (Map.Entry<UUID, List<PushRow>> workspace : byWorkspace.entrySet()) {
			sent += push(workspace.getKey(), workspace.getValue());
		}
		return sent;
	}

	private int push(UUID workspace, List<PushRow> rows) {
		Optional<CrmRepository.ConnectionRow> connection = repository.connection(workspace, CRM);
		if (connection.isEmpty()) {
			pushes.hold(workspace, ids(rows), "Salesforce is not connected.", clock.instant());
			return 0;
		}
		SalesforceClient.Session session;
		try {
			session = connections.session(connection.get());
		}
		catch (IllegalStateException ex) {
			String why = "The stored grant cannot be read (was the master key changed?): connect again.";
			repository.markStatus(workspace, CRM, "expired", why);
			pushes.hold(workspace, ids(rows), why, clock.instant());
			return 0;
		}
		Set<UUID> handled = new HashSet<>();
		int sent = 0;
		try {
			List<Batch> batches = new ArrayList<>(tasks(rows, handled));
			batches.addAll(updates(rows, handled));
			for (Batch batch : batches) {
				sent += send(session, batch);
				batch.rows().forEach(group -> group.forEach(row -> handled.add(row.id())));
			}
		}
		catch (SalesforceClient.Unauthorized ex) {
			// The refresh was refused: "Connect again", and the queue waits (the claim
			// skips expired connections).
			repository.markStatus(workspace, CRM, "expired", ex.getMessage());
			pushes.hold(workspace, rows.stream().map(PushRow::id).filter(id -> !handled.contains(id)).toList(),
					ex.getMessage(), clock.instant());
		}
		return sent;
	}

	/**
	 * One sObject Collections call: its records and, for each, the pushes it answers.
	 */
	private record Batch(boolean create, List<ObjectNode> records, List<List<PushRow>> rows) {
	}

	private int send(SalesforceClient.Session session, Batch batch) {
		List<SalesforceWrites.Result> results;
		try {
			results = batch.create() ? writes.create(session, batch.records())
					: writes.update(session, batch.records());
		}
		catch (SalesforceClient.Failed ex) {
			boolean transientFailure = ex.status() == 0 || ex.status() == 403 || ex.status() >= 500;
			batch.rows()
				.forEach(group -> group.forEach(row -> pushes.failed(row, transientFailure, ex.getMessage(),
						properties.pushMaxAttempts(), clock.instant())));
			return 0;
		}
		int sent = 0;
		for (int i = 0; i < results.size(); i++) {
			SalesforceWrites.Result result = results.get(i);
			for (PushRow row : batch.rows().get(i)) {
				if (result.success()) {
					pushes.sent(row.workspaceId(), List.of(row.id()), clock.instant());
					sent++;
				}
				else {
					String words = "Salesforce refused this record: "
							+ (result.message() == null ? "no details" : result.message());
					pushes.failed(row, !FINAL.contains(result.errorCode()), words, properties.pushMaxAttempts(),
							clock.instant());
				}
			}
		}
		return sent;
	}

	/** Completed Tasks on the records, 200 a call. */
	private List<Batch> tasks(List<PushRow> rows, Set<UUID> handled) {
		List<ObjectNode> records = new ArrayList<>();
		List<List<PushRow>> of = new ArrayList<>();
		for (PushRow row : rows) {
			if (!"task".equals(row.action())) {
				continue;
			}
			JsonNode payload = payload(row, handled);
			if (payload == null) {
				continue;
			}
			ObjectNode task = writes.record("Task");
			task.put("WhoId", row.recordId());
			task.put("Subject", payload.path("subject").asText());
			task.put("Description", payload.path("description").asText());
			task.put("Status", "Completed");
			task.put("TaskSubtype", "Email");
			task.put("ActivityDate",
					Instant.parse(payload.path("timestamp").asText()).atZone(ZoneOffset.UTC).toLocalDate().toString());
			records.add(task);
			of.add(List.of(row));
		}
		return batches(true, records, of);
	}

	/** Field changes, merged per record (the newest value wins), 200 records a call. */
	private List<Batch> updates(List<PushRow> rows, Set<UUID> handled) {
		Map<String, ObjectNode> byRecord = new LinkedHashMap<>();
		Map<String, List<PushRow>> rowsOf = new LinkedHashMap<>();
		for (PushRow row : rows.stream().sorted(Comparator.comparing(PushRow::createdAt)).toList()) {
			if (!"properties".equals(row.action())) {
				continue;
			}
			JsonNode payload = payload(row, handled);
			if (payload == null) {
				continue;
			}
			ObjectNode record = byRecord.computeIfAbsent(row.recordId(), id -> {
				ObjectNode created = writes.record(id.startsWith("00Q") ? "Lead" : "Contact");
				created.put("id", id);
				return created;
			});
			payload.path("properties").fields().forEachRemaining(e -> record.set(e.getKey(), e.getValue()));
			rowsOf.computeIfAbsent(row.recordId(), id -> new ArrayList<>()).add(row);
		}
		return batches(false, new ArrayList<>(byRecord.values()), new ArrayList<>(rowsOf.values()));
	}

	private static List<Batch> batches(boolean create, List<ObjectNode> records, List<List<PushRow>> rows) {
		List<Batch> batches = new ArrayList<>();
		for (int from = 0; from < records.size(); from += SalesforceWrites.BATCH) {
			int to = Math.min(records.size(), from + SalesforceWrites.BATCH);
			batches.add(new Batch(create, records.subList(from, to), rows.subList(from, to)));
		}
		return batches;
	}

	private JsonNode payload(PushRow row, Set<UUID> handled) {
		try {
			return json.readTree(row.payload());
		}
		catch (IOException ex) {
			pushes.retry(row.workspaceId(), row.id(), "Unreadable push: " + ex.getMessage(), null);
			handled.add(row.id());
			return null;
		}
	}

	private static List<UUID> ids(List<PushRow> rows) {
		return rows.stream().map(PushRow::id).toList();
	}

	private static InvalidInputProblem problem(String message) {
		return new InvalidInputProblem("crm-push-settings", message);
	}

	private HubSpotPush.Push push(PushRow row) {
		String what;
		try {
			JsonNode payload = json.readTree(row.payload());
			if ("task".equals(row.action())) {
				what = payload.path("subject").asText();
			}
			else {
				what = PushRepository.changes(payload.path("properties"));
			}
		}
		catch (IOException ex) {
			what = "";
		}
		return new HubSpotPush.Push(row.id(), row.contactId(), row.email(), row.recordId(), row.kind(), row.action(),
				what, row.state(), row.attempts(), row.lastError(), row.createdAt(), row.sentAt());
	}

}
