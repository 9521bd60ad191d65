package com.penguinmails.crm.api;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.crm.FieldPolicies;
import com.penguinmails.crm.HubSpotConnections;
import com.penguinmails.crm.HubSpotExport;
import com.penguinmails.crm.HubSpotPush;
import com.penguinmails.crm.HubSpotSync;
import com.penguinmails.crm.PushSettings;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Tenancy;

/**
 * HubSpot over the API ({@code /api/v1/crm/hubspot}): the connection (never its token),
 * connecting with a private app token, testing it, the import settings, importing now and
 * the sync log. Scopes {@code crm:read} and {@code crm:write}.
 */
@RestController
@RequestMapping(path = "/api/v1/crm/hubspot", produces = "application/json")
@Tag(name = "CRM: HubSpot", description = CrmApi.TAG)
@SecurityRequirement(name = "apiKey")
class CrmApi {

	static final String TAG = "HubSpot contacts imported into a list, keyed on the HubSpot record id (an address "
			+ "changed in HubSpot updates the same contact), lists sent to HubSpot, and replies, labels, bounces, "
			+ "unsubscribes and complaints of linked contacts pushed back, with a sync log; the private app token is "
			+ "never returned.";

	/**
	 * The connection.
	 *
	 * @param connected whether HubSpot is connected (whatever its status)
	 * @param connection the connection, left out when HubSpot is not connected
	 */
	record Status(boolean connected, HubSpotConnections.Connection connection) {
	}

	/** A private app token. */
	record Token(String token) {
	}

	/**
	 * The synced fields and their conflict policies.
	 *
	 * @param fields standard fields first, then the mapped custom ones
	 */
	record Policies(List<FieldPolicies.Field> fields) {
	}

	/**
	 * Policies to set.
	 *
	 * @param policies our field name ({@code company}, {@code custom.<key>}) →
	 * {@code crm}, {@code penguinmails} or {@code newest}; fields not named keep theirs
	 */
	record PolicyChange(Map<String, String> policies) {
	}

	/** The newest runs. */
	record Runs(List<HubSpotSync.Run> runs) {
	}

	/** Which list to send to HubSpot. */
	record ExportRequest(UUID listId) {
	}

	/** The newest pushes to HubSpot, newest first. */
	record Pushes(List<HubSpotPush.Push> pushes) {
	}

	private final HubSpotConnections connections;

	private final HubSpotSync hubspot;

	private final HubSpotPush push;

	private final HubSpotExport export;

	private final Tenancy tenancy;

	private final FieldPolicies policies;

	CrmApi(HubSpotConnections connections, HubSpotSync hubspot, HubSpotPush push, HubSpotExport export, Tenancy tenancy,
			FieldPolicies policies) {
		this.policies = policies;
		this.connections = connections;
		this.hubspot = hubspot;
		this.push = push;
		this.export = export;
		this.tenancy = tenancy;
	}

	@GetMapping
	@Operation(summary = "The workspace's HubSpot connection")
	@ApiResponse(responseCode = "200",
			description = "connected and the connection; {\"connected\": false} when not connected")
	Status status() {
		HubSpotConnections.Connection connection = connections.connection(tenancy.current()).orElse(null);
		return new Status(connection != null, connection);
	}

	@PutMapping(consumes = "application/json")
	@Operation(summary = "Connect with a private app token (checked with HubSpot first; replaces the old one)")
	@ApiResponse(responseCode = "200",
			description = "Connected (status failing, with the reason, when HubSpot did not answer)")
	@ApiResponse(responseCode = "400", description = "Not a token, or HubSpot refused it (type crm-token)")
	HubSpotConnections.Connection connect(@RequestBody(required = false) Token body) {
		return connections.connect(tenancy.current(), body == null ? null : body.token());
	}

	@PostMapping("/test")
	@Operation(summary = "Test the connection: GET /crm/v3/objects/contacts?limit=1, the result in words")
	@ApiResponse(responseCode = "200", description = "Whether HubSpot accepted the token; a 401 marks it expired")
	@ApiResponse(responseCode = "404", description = "Not connected")
	HubSpotConnections.TestResult test() {
		return connections.test(tenancy.current());
	}

	@PutMapping(path = "/settings", consumes = "application/json")
	@Operation(summary = "The import settings: target list, HubSpot list (or all contacts), field map, schedule")
	@ApiResponse(responseCode = "200", description = "Saved")
	@ApiResponse(responseCode = "400", description = "A value that does not fit (type crm-settings or crm-schedule)")
	@ApiResponse(responseCode = "404", description = "Not connected")
	HubSpotConnections.Connection settings(@RequestBody(required = false) HubSpotConnections.Settings body) {
		return connections.saveSettings(tenancy.current(),
				body == null ? new HubSpotConnections.Settings(null, null, Map.of(), null) : body);
	}

	@DeleteMapping
	@Operation(summary = "Disconnect: forget the token (the contacts and their record ids stay)")
	@ApiResponse(responseCode = "204", description = "Disconnected")
	@ApiResponse(responseCode = "404", description = "Not connected")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	ResponseEntity<Void> disconnect() {
		connections.disconnect(tenancy.current());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/imports")
	@Operation(summary = "Start an import now (in the background, to the last page); "
			+ "follow it at GET /api/v1/crm/hubspot/imports/{id} until its status is done or failed")
	@ApiResponse(responseCode = "202", description = "Started: the run, status running")
	@ApiResponse(responseCode = "404", description = "Not connected")
	@ApiResponse(responseCode = "409", description = "Connect again (type crm-expired), or an import is running")
	@ResponseStatus(HttpStatus.ACCEPTED)
	HubSpotSync.Run importNow() {
		return hubspot.startImport(tenancy.current());
	}

	@GetMapping("/imports")
	@Operation(summary = "The newest import runs (at most 10)")
	@ApiResponse(responseCode = "200", description = "The runs, newest first")
	Runs runs() {
		return new Runs(hubspot.runs(tenancy.current()));
	}

	@GetMapping("/imports/{id}")
	@Operation(summary = "One run's log: each record created, updated (what changed) or skipped (why)")
	@ApiResponse(responseCode = "200", description = "The run and at most 500 entries")
	@ApiResponse(responseCode = "404", description = "No such run in this workspace")
	HubSpotSync.RunLog run(@PathVariable UUID id) {
		return hubspot.runLog(tenancy.current(), id);
	}

	@GetMapping("/push")
	@Operation(summary = "What is pushed to HubSpot about linked contacts (replies, labels, bounces, "
			+ "unsubscribes, complaints)")
	@ApiResponse(responseCode = "200", description = "The push settings (nothing is pushed until kinds are chosen)")
	@ApiResponse(responseCode = "404", description = "Not connected")
	PushSettings pushSettings() {
		return push.settings(tenancy.current());
	}

	@PutMapping(path = "/push", consumes = "application/json")
	@Operation(summary = "Choose what is pushed: kinds, the lead status property and its value per inbox label, "
			+ "the unsubscribe property")
	@ApiResponse(responseCode = "200", description = "Saved")
	@ApiResponse(responseCode = "400",
			description = "An unknown kind or label, or a property that is not an "
					+ "internal name (type crm-push-settings)")
	@ApiResponse(responseCode = "404", description = "Not connected")
	PushSettings savePushSettings(@RequestBody(required = false) PushSettings body) {
		return push.saveSettings(tenancy.current(), body);
	}

	@GetMapping("/pushes")
	@Operation(summary = "The newest pushes (at most 50): what was sent to HubSpot, queued, or failed and why")
	@ApiResponse(responseCode = "200", description = "The pushes, newest first")
	Pushes pushes() {
		return new Pushes(push.pushes(tenancy.current()));
	}

	@PostMapping(path = "/exports", consumes = "application/json")
	@Operation(summary = "Send a list's contacts to HubSpot (batch upsert by email, in the background); "
			+ "follow the run at GET /api/v1/crm/hubspot/imports/{id} (the sync log holds imports and exports)")
	@ApiResponse(responseCode = "202", description = "Started: the run, status running")
	@ApiResponse(responseCode = "400", description = "No list id (type crm-export)")
	@ApiResponse(responseCode = "404", description = "Not connected, or no such list in this workspace")
	@ApiResponse(responseCode = "409", description = "Connect again (type crm-expired), or a sync is running")
	@ResponseStatus(HttpStatus.ACCEPTED)
	HubSpotSync.Run exportList(@RequestBody(required = false) ExportRequest body) {
		if (body == null || body.listId() == null) {
			throw new InvalidInputProblem("crm-export", "Name the list to send: {\"listId\": \"…\"}.");
		}
		return export.startExport(tenancy.current(), body.listId());
	}

	@GetMapping("/field-policies")
	@Operation(summary = "The conflict policy of each synced field: crm (HubSpot wins, the default), penguinmails "
			+ "(PenguinMails wins, its edits sent to HubSpot) or newest (the later edit wins)")
	@ApiResponse(responseCode = "200", description = "The synced fields and their policies")
	@ApiResponse(responseCode = "404", description = "Not connected")
	Policies fieldPolicies() {
		return new Policies(policies.policies(tenancy.current(), HubSpotConnections.CRM));
	}

	@PutMapping(path = "/field-policies", consumes = "application/json")
	@Operation(summary = "Set the conflict policy of synced fields (the fields not named keep theirs)")
	@ApiResponse(responseCode = "200", description = "Saved: every synced field and its policy")
	@ApiResponse(responseCode = "400",
			description = "A field not synced, a policy not known, or one that cannot be sent (type crm-field-policy)")
	@ApiResponse(responseCode = "404", description = "Not connected")
	Policies saveFieldPolicies(@RequestBody(required = false) PolicyChange body) {
		return new Policies(
				policies.save(tenancy.current(), HubSpotConnections.CRM, body == null ? Map.of() : body.policies()));
	}

}
