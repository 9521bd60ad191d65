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
import com.penguinmails.crm.HubSpotSync;
import com.penguinmails.crm.HubSpotPush;
import com.penguinmails.crm.SalesforceConnections;
import com.penguinmails.crm.SalesforceExport;
import com.penguinmails.crm.SalesforcePush;
import com.penguinmails.crm.SalesforcePushSettings;
import com.penguinmails.crm.SalesforceSync;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Tenancy;

/**
 * Salesforce over the API ({@code /api/v1/crm/salesforce}): the connection (never its
 * grant), starting the OAuth 2.0 authorization (the user's browser finishes it at
 * {@value SalesforceConnections#CALLBACK_PATH}), testing it, the import settings,
 * importing now and the sync log. Scopes {@code crm:read} and {@code crm:write}; errors
 * are RFC 9457 problems.
 */
@RestController
@RequestMapping(path = "/api/v1/crm/salesforce", produces = "application/json")
@Tag(name = "CRM: Salesforce", description = SalesforceApi.TAG)
@SecurityRequirement(name = "apiKey")
class SalesforceApi {

	static final String TAG = "Salesforce Contacts or Leads (all, or a SOQL condition) imported into a list, keyed on "
			+ "the Salesforce record id, with a sync log; connected through OAuth 2.0 and the installation's "
			+ "connected app, the grant never returned.";

	/**
	 * The connection.
	 *
	 * @param connected whether Salesforce is connected (whatever its status)
	 * @param configured whether the installation has a Salesforce connected app
	 * @param connection the connection, left out when Salesforce is not connected
	 * @param callbackUrl the callback URL the connected app must list
	 */
	record Status(boolean connected, boolean configured, SalesforceConnections.Connection connection,
			String callbackUrl) {
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

	private final SalesforceConnections connections;

	private final SalesforceSync salesforce;

	/** The newest pushes to Salesforce, newest first. */
	record Pushes(List<HubSpotPush.Push> pushes) {
	}

	/**
	 * A list to send.
	 *
	 * @param object {@code Lead} or {@code Contact}
	 */
	record ExportRequest(UUID listId, String object) {
	}

	private final SalesforcePush push;

	private final SalesforceExport export;

	private final Tenancy tenancy;

	private final FieldPolicies policies;

	SalesforceApi(SalesforceConnections connections, SalesforceSync salesforce, SalesforcePush push,
			SalesforceExport export, Tenancy tenancy, FieldPolicies policies) {
		this.policies = policies;
		this.push = push;
		this.export = export;
		this.connections = connections;
		this.salesforce = salesforce;
		this.tenancy = tenancy;
	}

	@GetMapping
	@Operation(summary = "The workspace's Salesforce connection")
	@ApiResponse(responseCode = "200",
			description = "connected, configured, the connection (left out when not connected) and the callback URL")
	Status status() {
		SalesforceConnections.Connection connection = connections.connection(tenancy.current()).orElse(null);
		return new Status(connection != null, connections.configured(), connection, connections.redirectUri());
	}

	@PostMapping("/authorization")
	@Operation(summary = "Start connecting: the Salesforce authorization URL (state and PKCE) to open in the "
			+ "browser of the same user, signed in to PenguinMails; Salesforce sends it back to the callback")
	@ApiResponse(responseCode = "200", description = "The URL and until when it may be used")
	@ApiResponse(responseCode = "409",
			description = "No connected app on this installation (type crm-salesforce-not-configured)")
	SalesforceConnections.Authorization authorize() {
		return connections.authorize(tenancy.current());
	}

	@PostMapping("/test")
	@Operation(summary = "Test the connection: GET /services/data/v60.0/limits, the result in words")
	@ApiResponse(responseCode = "200",
			description = "Whether Salesforce answered; a refused grant marks the connection expired")
	@ApiResponse(responseCode = "404", description = "Not connected")
	HubSpotConnections.TestResult test() {
		return connections.test(tenancy.current());
	}

	@PutMapping(path = "/settings", consumes = "application/json")
	@Operation(summary = "The import settings: Contact or Lead, a SOQL WHERE condition (or all), target list, "
			+ "custom field map, schedule")
	@ApiResponse(responseCode = "200", description = "Saved")
	@ApiResponse(responseCode = "400",
			description = "A value that does not fit (type crm-settings, crm-filter or crm-schedule)")
	@ApiResponse(responseCode = "404", description = "Not connected")
	SalesforceConnections.Connection settings(@RequestBody(required = false) SalesforceSync.Settings body) {
		return salesforce.saveSettings(tenancy.current(),
				body == null ? new SalesforceSync.Settings(null, null, null, Map.of(), null) : body);
	}

	@DeleteMapping
	@Operation(summary = "Disconnect: revoke the grant at Salesforce and forget it (the contacts and their "
			+ "record ids stay)")
	@ApiResponse(responseCode = "204", description = "Disconnected")
	@ApiResponse(responseCode = "404", description = "Not connected")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	ResponseEntity<Void> disconnect() {
		connections.disconnect(tenancy.current());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/imports")
	@Operation(summary = "Start an import now (in the background, to the last page); "
			+ "follow it at GET /api/v1/crm/salesforce/imports/{id} until its status is done or failed")
	@ApiResponse(responseCode = "202", description = "Started: the run, status running")
	@ApiResponse(responseCode = "404", description = "Not connected")
	@ApiResponse(responseCode = "409", description = "Connect again (type crm-expired), or an import is running")
	@ResponseStatus(HttpStatus.ACCEPTED)
	HubSpotSync.Run importNow() {
		return salesforce.startImport(tenancy.current());
	}

	@GetMapping("/imports")
	@Operation(summary = "The newest Salesforce import runs (at most 10)")
	@ApiResponse(responseCode = "200", description = "The runs, newest first")
	Runs runs() {
		return new Runs(salesforce.runs(tenancy.current()));
	}

	@GetMapping("/imports/{id}")
	@Operation(summary = "One run's log: each record created, updated (what changed) or skipped (why)")
	@ApiResponse(responseCode = "200", description = "The run and at most 500 entries")
	@ApiResponse(responseCode = "404", description = "No such Salesforce run in this workspace")
	HubSpotSync.RunLog run(@PathVariable UUID id) {
		return salesforce.runLog(tenancy.current(), id);
	}

	@GetMapping("/field-policies")
	@Operation(summary = "The conflict policy of each synced field: crm (Salesforce wins, the default), penguinmails "
			+ "(PenguinMails wins, its edits sent to Salesforce) or newest (the later edit wins)")
	@ApiResponse(responseCode = "200", description = "The synced fields and their policies")
	@ApiResponse(responseCode = "404", description = "Not connected")
	Policies fieldPolicies() {
		return new Policies(policies.policies(tenancy.current(), SalesforceConnections.CRM));
	}

	@PutMapping(path = "/field-policies", consumes = "application/json")
	@Operation(summary = "Set the conflict policy of synced fields (the fields not named keep theirs)")
	@ApiResponse(responseCode = "200", description = "Saved: every synced field and its policy")
	@ApiResponse(responseCode = "400",
			description = "A field not synced, a policy not known, or one that cannot be sent (type crm-field-policy)")
	@ApiResponse(responseCode = "404", description = "Not connected")
	Policies saveFieldPolicies(@RequestBody(required = false) PolicyChange body) {
		return new Policies(
				policies.save(tenancy.current(), SalesforceConnections.CRM, body == null ? Map.of() : body.policies()));
	}

	@GetMapping("/push")
	@Operation(summary = "What is pushed to Salesforce about linked Leads and Contacts (replies, labels, bounces, "
			+ "unsubscribes, complaints)")
	@ApiResponse(responseCode = "200", description = "The push settings (nothing is pushed until kinds are chosen)")
	@ApiResponse(responseCode = "404", description = "Not connected")
	SalesforcePushSettings pushSettings() {
		return push.settings(tenancy.current());
	}

	@PutMapping(path = "/push", consumes = "application/json")
	@Operation(summary = "Choose what is pushed: kinds, the Lead field (default Status) and Contact field an inbox "
			+ "label sets with its value per label, and whether an unsubscribe sets HasOptedOutOfEmail")
	@ApiResponse(responseCode = "200", description = "Saved")
	@ApiResponse(responseCode = "400",
			description = "An unknown kind or label, or a field that is not an API name (type crm-push-settings)")
	@ApiResponse(responseCode = "404", description = "Not connected")
	SalesforcePushSettings savePushSettings(@RequestBody(required = false) SalesforcePushSettings body) {
		return push.saveSettings(tenancy.current(), body);
	}

	@GetMapping("/pushes")
	@Operation(summary = "The newest pushes (at most 50): Tasks and field changes sent to Salesforce, queued, or "
			+ "failed with Salesforce's words")
	@ApiResponse(responseCode = "200", description = "The pushes, newest first")
	Pushes pushes() {
		return new Pushes(push.pushes(tenancy.current()));
	}

	@PostMapping(path = "/exports", consumes = "application/json")
	@Operation(summary = "Send a list to Salesforce: its contacts not yet linked created as Leads or Contacts "
			+ "(Composite API, 200 a call, in the background); follow the run at "
			+ "GET /api/v1/crm/salesforce/imports/{id} (the sync log holds imports and exports)")
	@ApiResponse(responseCode = "202", description = "Started: the run, status running")
	@ApiResponse(responseCode = "400",
			description = "No list id, or an object other than Lead or Contact " + "(type crm-export)")
	@ApiResponse(responseCode = "404", description = "Not connected, or no such list in this workspace")
	@ApiResponse(responseCode = "409", description = "Connect again (type crm-expired), or a sync is running")
	@ResponseStatus(HttpStatus.ACCEPTED)
	HubSpotSync.Run exportList(@RequestBody(required = false) ExportRequest body) {
		if (body == null || body.listId() == null) {
			throw new InvalidInputProblem("crm-export",
					"Name the list to send: {\"listId\": \"…\", \"object\": \"Lead\"}.");
		}
		return export.startExport(tenancy.current(), body.listId(), body.object());
	}

}
