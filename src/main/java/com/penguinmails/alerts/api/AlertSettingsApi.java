package com.penguinmails.alerts.api;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.alerts.AlertChannel;
import com.penguinmails.alerts.AlertRoute;
import com.penguinmails.alerts.AlertSettings;
import com.penguinmails.alerts.EscalationPolicies;
import com.penguinmails.alerts.EscalationPolicy;
import com.penguinmails.shared.Tenancy;

/**
 * Alert channels (with quiet hours), routing rules and escalation policies. Admins' keys,
 * {@code alerts:read} and {@code alerts:write}; invalid input is a 400 RFC 9457 problem
 * ({@code invalid-channel}, {@code invalid-quiet-hours}, {@code invalid-route},
 * {@code invalid-policy}, {@code address-not-allowed}). Slack and Teams URLs are
 * write-only.
 */
@RestController
@RequestMapping(path = "/api/v1/alerts", produces = "application/json")
@Tag(name = "Alerts: channels and routing",
		description = "Where alerts go: channels, quiet hours, routing rules, escalation policies")
@SecurityRequirement(name = "apiKey")
class AlertSettingsApi {

	/** The channels, oldest first. */
	record ChannelList(List<AlertChannel> channels) {
	}

	/** The routing rules. */
	record RouteList(List<AlertRoute> routes) {
	}

	/** A test message's outcome, in words ("Delivered (HTTP 200)"). */
	record TestResult(String result) {
	}

	/** The escalation policies with their steps. */
	record PolicyList(List<EscalationPolicy> policies) {
	}

	private final AlertSettings settings;

	private final EscalationPolicies escalation;

	private final Tenancy tenancy;

	AlertSettingsApi(AlertSettings settings, EscalationPolicies escalation, Tenancy tenancy) {
		this.settings = settings;
		this.escalation = escalation;
		this.tenancy = tenancy;
	}

	@GetMapping("/channels")
	@Operation(summary = "The channels: kind, addresses or URL hint, quiet hours, last error")
	@ApiResponse(responseCode = "200", description = "The channels")
	@ApiResponse(responseCode = "403", description = "Not an admin, or the key lacks alerts:read")
	ChannelList channels() {
		return new ChannelList(settings.channels(tenancy.current()));
	}

	@PostMapping(path = "/channels", consumes = "application/json")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Add a channel: email (addresses, empty for owner and admins), slack or teams (url, an "
			+ "https incoming-webhook URL, stored encrypted), webhook")
	@ApiResponse(responseCode = "201", description = "The channel (without its URL)")
	@ApiResponse(responseCode = "400", description = "invalid-channel or address-not-allowed")
	@ApiResponse(responseCode = "403", description = "Not an admin, or the key lacks alerts:write")
	AlertChannel addChannel(@RequestBody AlertSettings.ChannelRequest request) {
		return settings.addChannel(tenancy.current(), request);
	}

	@PutMapping(path = "/channels/{id}", consumes = "application/json")
	@Operation(summary = "Change a channel: name, addresses (email; empty for owner and admins, absent keeps them), "
			+ "url (slack, teams: a new https incoming-webhook URL, checked and stored encrypted as when added; "
			+ "empty or absent keeps the stored one). The kind stays")
	@ApiResponse(responseCode = "200", description = "The channel (without its URL)")
	@ApiResponse(responseCode = "400", description = "invalid-channel or address-not-allowed")
	@ApiResponse(responseCode = "403", description = "Not an admin, or the key lacks alerts:write")
	@ApiResponse(responseCode = "404", description = "No such channel")
	AlertChannel updateChannel(@PathVariable UUID id, @RequestBody AlertSettings.ChannelUpdate request) {
		return settings.updateChannel(tenancy.current(), id, request);
	}

	@PutMapping(path = "/channels/{id}/quiet-hours", consumes = "application/json")
	@Operation(summary = "Set a channel's quiet hours (zone, from, to as HH:MM, criticalBypasses); a blank zone "
			+ "removes them")
	@ApiResponse(responseCode = "200", description = "The channel")
	@ApiResponse(responseCode = "400", description = "invalid-quiet-hours")
	@ApiResponse(responseCode = "404", description = "No such channel")
	AlertChannel quietHours(@PathVariable UUID id, @RequestBody AlertSettings.QuietHoursRequest request) {
		return settings.setQuietHours(tenancy.current(), id, request);
	}

	@PostMapping("/channels/{id}/test")
	@Operation(summary = "Send a test message to the channel now; the outcome is also its last delivery or error")
	@ApiResponse(responseCode = "200", description = "Delivered: what happened, in words")
	@ApiResponse(responseCode = "400", description = "channel-test-unsupported (a webhook channel)")
	@ApiResponse(responseCode = "404", description = "No such channel")
	@ApiResponse(responseCode = "502", description = "channel-test-failed: the receiver's answer or the network error")
	TestResult test(@PathVariable UUID id) {
		return new TestResult(settings.test(tenancy.current(), id));
	}

	@DeleteMapping("/channels/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete a channel with its routing rules and escalation steps")
	@ApiResponse(responseCode = "204", description = "Deleted")
	@ApiResponse(responseCode = "404", description = "No such channel")
	void deleteChannel(@PathVariable UUID id) {
		settings.deleteChannel(tenancy.current(), id);
	}

	@GetMapping("/routes")
	@Operation(summary = "The routing rules")
	@ApiResponse(responseCode = "200", description = "The rules")
	RouteList routes() {
		return new RouteList(settings.routes(tenancy.current()));
	}

	@PostMapping(path = "/routes", consumes = "application/json")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Add a routing rule: matchKind type (matchValue an alert type; matchSeverity, optional, "
			+ "narrows it to one severity), severity (info, warning, critical) or default; channelId or policyId. "
			+ "Most specific first: type at the severity (else type), plus severity; else default")
	@ApiResponse(responseCode = "201", description = "The rule")
	@ApiResponse(responseCode = "400", description = "invalid-route")
	AlertRoute addRoute(@RequestBody AlertSettings.RouteRequest request) {
		return settings.addRoute(tenancy.current(), request);
	}

	@DeleteMapping("/routes/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete a routing rule")
	@ApiResponse(responseCode = "204", description = "Deleted")
	@ApiResponse(responseCode = "404", description = "No such rule")
	void deleteRoute(@PathVariable UUID id) {
		settings.deleteRoute(tenancy.current(), id);
	}

	@GetMapping("/policies")
	@Operation(summary = "The escalation policies with their steps")
	@ApiResponse(responseCode = "200", description = "The policies")
	PolicyList policies() {
		return new PolicyList(escalation.policies(tenancy.current()));
	}

	@PostMapping(path = "/policies", consumes = "application/json")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Add an escalation policy: name and 1 to 5 steps, each channelId or email, and "
			+ "afterMinutes (1 to 1440) for every step after the first")
	@ApiResponse(responseCode = "201", description = "The policy")
	@ApiResponse(responseCode = "400", description = "invalid-policy")
	EscalationPolicy addPolicy(@RequestBody EscalationPolicies.PolicyRequest request) {
		return escalation.addPolicy(tenancy.current(), request);
	}

	@PutMapping(path = "/policies/{id}", consumes = "application/json")
	@Operation(summary = "Replace an escalation policy's name and steps (as when added); an alert already "
			+ "escalating goes on from the step it reached")
	@ApiResponse(responseCode = "200", description = "The policy")
	@ApiResponse(responseCode = "400", description = "invalid-policy")
	@ApiResponse(responseCode = "403", description = "Not an admin, or the key lacks alerts:write")
	@ApiResponse(responseCode = "404", description = "No such policy")
	EscalationPolicy updatePolicy(@PathVariable UUID id, @RequestBody EscalationPolicies.PolicyRequest request) {
		return escalation.updatePolicy(tenancy.current(), id, request);
	}

	@DeleteMapping("/policies/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete an escalation policy and the rules that route to it")
	@ApiResponse(responseCode = "204", description = "Deleted")
	@ApiResponse(responseCode = "404", description = "No such policy")
	void deletePolicy(@PathVariable UUID id) {
		escalation.deletePolicy(tenancy.current(), id);
	}

}
