package com.penguinmails.crm;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.stereotype.Service;
import org.springframework.web.util.HtmlUtils;

import com.penguinmails.crm.internal.CrmRepository;
import com.penguinmails.crm.internal.HubSpotClient;
import com.penguinmails.crm.internal.HubSpotWrites;
import com.penguinmails.crm.internal.PushRepository;
import com.penguinmails.crm.internal.PushRepository.PushRow;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * Push-back to HubSpot: what happens to a contact linked to a HubSpot record (see
 * {@link PushSettings}) is queued by crm's event listeners in {@code crm_push_queue} and
 * sent by {@link #pushDue()}, which a worker calls every
 * {@link CrmProperties#pushEvery()}.
 * <p>
 * A note is {@code POST /crm/v3/objects/notes} associated with the contact (association
 * type 202); property changes of one workspace are merged per record (the newest value of
 * a property wins) and sent in {@code POST /crm/v3/objects/contacts/batch/update} calls
 * of at most 100 records. Each call goes through {@link HubSpotClient}, which waits out
 * 429s and spent rate-limit windows and retries 5xx and broken connections; a push still
 * failing that way is tried again after an exponential backoff (30 s, doubling, at most
 * an hour) and given up ({@code failed}, with HubSpot's words) after
 * {@link CrmProperties#pushMaxAttempts()} attempts; another 4xx gives up at once. A 401
 * marks the connection {@code expired} and holds its queue until a new token is saved.
 * <p>
 * Roles: reading needs a viewer ({@code crm:read}); the settings an admin
 * ({@code crm:write}).
 */
@Service
public class HubSpotPush {

	/** Pushes the page and the API list. */
	public static final int RECENT = 50;

	/** Pushes one worker round claims. */
	static final int CLAIM = 300;

	/** How long a claimed push is the claiming node's before another may take it. */
	static final Duration LEASE = Duration.ofMinutes(5);

	private static final Pattern PROPERTY = Pattern.compile("[a-z0-9_]{1,100}");

	/**
	 * One push as shown.
	 *
	 * @param kind {@code reply}, {@code label}, {@code bounce}, {@code unsubscribe} or
	 * {@code complaint}
	 * @param action {@code note} (a timeline note) or {@code properties} (property
	 * changes)
	 * @param what the note's text or the properties changed, in words
	 * @param state {@code queued}, {@code sending}, {@code sent} or {@code failed}
	 * @param lastError why the last attempt failed (HubSpot's words), or null
	 */
	public record Push(UUID id, UUID contactId, String email, String recordId, String kind, String action, String what,
			String state, int attempts, String lastError, Instant createdAt, Instant sentAt) {
	}

	private final PushRepository pushes;

	private final CrmRepository repository;

	private final HubSpotConnections connections;

	private final HubSpotWrites hubspot;

	private final CrmProperties properties;

	private final ObjectMapper json;

	private final Clock clock;

	HubSpotPush(PushRepository pushes, CrmRepository repository, HubSpotConnections connections, HubSpotWrites hubspot,
			CrmProperties properties, ObjectMapper json, Clock clock) {
		this.pushes = pushes;
		this.repository = repository;
		this.connections = connections;
		this.hubspot = hubspot;
		this.properties = properties;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * The connection's push settings.
	 * @throws NotFoundProblem when not connected
	 */
	public PushSettings settings(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "crm:read");
		connections.row(tenant);
		return pushes.settings(tenant.workspaceId(), HubSpotConnections.CRM).orElseGet(PushSettings::off);
	}

	/**
	 * Saves what is pushed.
	 * @throws InvalidInputProblem {@code crm-push-settings} for an unknown kind or label,
	 * a property name that is not an internal name ({@code [a-z0-9_]}), or a value over
	 * 100 characters
	 * @throws NotFoundProblem when not connected
	 */
	public PushSettings saveSettings(Tenant tenant, PushSettings settings) {
		tenant.require(WorkspaceRole.ADMIN, "crm:write");
		connections.row(tenant);
		PushSettings given = settings == null ? PushSettings.off() : settings;
		for (String kind : given.kinds()) {
			if (!PushSettings.KINDS.contains(kind)) {
				throw problem("Push one of: " + String.join(", ", PushSettings.KINDS) + " (not " + kind + ").");
			}
		}
		String leadStatus = given.leadStatusProperty().toLowerCase(Locale.ROOT);
		if (!PROPERTY.matcher(leadStatus).matches()) {
			throw problem("The lead status property is a HubSpot internal name (e.g. hs_lead_status): " + leadStatus);
		}
		String unsubscribe = given.unsubscribeProperty().toLowerCase(Locale.ROOT);
		if (!unsubscribe.isEmpty() && !PROPERTY.matcher(unsubscribe).matches()) {
			throw problem("The unsubscribe property is a HubSpot internal name (letters, digits and _), or blank: "
					+ unsubscribe);
		}
		Map<String, String> values = new LinkedHashMap<>();
		given.labelValues().forEach((label, value) -> {
			if (!List.of("interested", "meeting_booked", "not_interested", "wrong_person", "out_of_office")
				.contains(label)) {
				throw problem("No inbox label " + label + ".");
			}
			String text = value == null ? "" : value.strip();
			if (text.length() > 100) {
				throw problem("A lead status value is at most 100 characters.");
			}
			if (!text.isEmpty()) {
				values.put(label, text);
			}
		});
		if (given.unsubscribeValue().length() > 100) {
			throw problem("The unsubscribe value is at most 100 characters.");
		}
		PushSettings saved = new PushSettings(PushSettings.KINDS.stream().filter(given.kinds()::contains).toList(),
				leadStatus, values, unsubscribe, given.unsubscribeValue());
		pushes.saveSettings(tenant.workspaceId(), HubSpotConnections.CRM, saved);
		return saved;
	}

	/** The newest pushes, at most {@value #RECENT}, with their outcome. */
	public List<Push> pushes(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "crm:read");
		return pushes.recent(tenant.workspaceId(), HubSpotConnections.CRM, RECENT).stream().map(this::push).toList();
	}

	/**
	 * Sends the due pushes of every workspace (at most {@value #CLAIM} a round), claimed
	 * with {@code FOR UPDATE SKIP LOCKED} so several nodes share the queue.
	 * @return how many were sent
	 */
	public int pushDue() {
		Map<UUID, List<PushRow>> byWorkspace = pushes.claimByWorkspace(HubSpotConnections.CRM, clock.instant(), LEASE,
				CLAIM);
		int sent = 0;
		for (Map.Entry<UUID, List<PushRow>> workspace : byWorkspace.entrySet()) {
			sent += push(workspace.getKey(), workspace.getValue());
		}
		return sent;
	}

	private int push(UUID workspace, List<PushRow> rows) {
		Optional<CrmRepository.ConnectionRow> connection = repository.connection(workspace, HubSpotConnections.CRM);
		if (connection.isEmpty()) {
			pushes.hold(workspace, ids(rows), "HubSpot is not connected.", clock.instant());
			return 0;
		}
		String token;
		try {
			token = connections.token(connection.get());
		}
		catch (IllegalStateException ex) {
			String why = "The stored token cannot be read (was the master key changed?): connect again.";
			repository.markStatus(workspace, HubSpotConnections.CRM, "expired", why);
			pushes.hold(workspace, ids(rows), why, clock.instant());
			return 0;
		}
		List<PushRow> notes = rows.stream().filter(r -> "note".equals(r.action())).toList();
		List<PushRow> changes = rows.stream().filter(r -> "properties".equals(r.action())).toList();
		Set<UUID> handled = new HashSet<>();
		int sent = 0;
		try {
			for (PushRow row : notes) {
				JsonNode payload;
				try {
					payload = json.readTree(row.payload());
				}
				catch (IOException ex) {
					pushes.retry(workspace, row.id(), "Unreadable push: " + ex.getMessage(), null);
					handled.add(row.id());
					continue;
				}
				try {
					hubspot.createNote(token, row.recordId(), Instant.parse(payload.path("timestamp").asText()),
							payload.path("body").asText());
					pushes.sent(workspace, List.of(row.id()), clock.instant());
					sent++;
				}
				catch (HubSpotClient.Failed ex) {
					failed(row, ex);
				}
				handled.add(row.id());
			}
			sent += pushProperties(workspace, token, changes, handled);
		}
		catch (HubSpotClient.Unauthorized ex) {
			// HubSpot refused the token: the connection says "Connect again" and its
			// queue waits for a new token (the claim skips expired connections).
			repository.markStatus(workspace, HubSpotConnections.CRM, "expired", ex.getMessage());
			pushes.hold(workspace, rows.stream().map(PushRow::id).filter(id -> !handled.contains(id)).toList(),
					ex.getMessage(), clock.instant());
		}
		return sent;
	}

	private int pushProperties(UUID workspace, String token, List<PushRow> rows, Set<UUID> handled) {
		// The newest value of a property wins; each record once per call.
		Map<String, Map<String, String>> byRecord = new LinkedHashMap<>();
		Map<String, List<PushRow>> rowsOf = new LinkedHashMap<>();
		for (PushRow row : rows.stream().sorted(Comparator.comparing(PushRow::createdAt)).toList()) {
			try {
				JsonNode values = json.readTree(row.payload()).path("properties");
				Map<String, String> merged = byRecord.computeIfAbsent(row.recordId(), k -> new LinkedHashMap<>());
				values.fields().forEachRemaining(e -> merged.put(e.getKey(), e.getValue().asText()));
				rowsOf.computeIfAbsent(row.recordId(), k -> new ArrayList<>()).add(row);
			}
			catch (IOException ex) {
				pushes.retry(workspace, row.id(), "Unreadable push: " + ex.getMessage(), null);
				handled.add(row.id());
			}
		}
		List<String> records = new ArrayList<>(byRecord.keySet());
		int sent = 0;
		for (int from = 0; from < records.size(); from += 100) {
			List<String> batch = records.subList(from, Math.min(records.size(), from + 100));
			Map<String, Map<String, String>> input = new LinkedHashMap<>();
			batch.forEach(id -> input.put(id, byRecord.get(id)));
			List<PushRow> batchRows = batch.stream().flatMap(id -> rowsOf.get(id).stream()).toList();
			try {
				HubSpotWrites.BatchResult result = hubspot.updateContacts(token, input);
				Map<String, String> errors = new LinkedHashMap<>();
				result.errors().forEach(error -> error.ids().forEach(id -> errors.put(id, error.message())));
				for (PushRow row : batchRows) {
					String error = errors.get(row.recordId());
					if (error == null) {
						pushes.sent(workspace, List.of(row.id()), clock.instant());
						sent++;
					}
					else {
						// A record's own error (not found, a value not among the
						// property's options) does not get better by trying again.
						pushes.retry(workspace, row.id(), "HubSpot refused this record: " + error, null);
					}
				}
			}
			catch (HubSpotClient.Failed ex) {
				batchRows.forEach(row -> failed(row, ex));
			}
			batchRows.forEach(row -> handled.add(row.id()));
		}
		return sent;
	}

	/**
	 * A call that failed: tried again after a backoff when HubSpot did not answer (no
	 * answer, 429, 5xx) and attempts remain, else given up.
	 */
	private void failed(PushRow row, HubSpotClient.Failed ex) {
		boolean transientFailure = ex.status() == 0 || ex.status() == 429 || ex.status() >= 500;
		pushes.failed(row, transientFailure, ex.getMessage(), properties.pushMaxAttempts(), clock.instant());
	}

	private static List<UUID> ids(List<PushRow> rows) {
		return rows.stream().map(PushRow::id).toList();
	}

	private static InvalidInputProblem problem(String message) {
		return new InvalidInputProblem("crm-push-settings", message);
	}

	private Push push(PushRow row) {
		String what;
		try {
			JsonNode payload = json.readTree(row.payload());
			if ("note".equals(row.action())) {
				// "<p><strong>PenguinMails: title</strong></p><p>details</p>" → "title:
				// details"
				String text = payload.path("body")
					.asText()
					.replace("PenguinMails: ", "")
					.replace("</strong></p><p>", ": ")
					.replaceAll("<[^>]+>", " ");
				what = HtmlUtils.htmlUnescape(text.strip().replaceAll("\\s+", " "));
			}
			else {
				what = PushRepository.changes(payload.path("properties"));
			}
		}
		catch (IOException ex) {
			what = "";
		}
		return new Push(row.id(), row.contactId(), row.email(), row.recordId(), row.kind(), row.action(), what,
				row.state(), row.attempts(), row.lastError(), row.createdAt(), row.sentAt());
	}

}
