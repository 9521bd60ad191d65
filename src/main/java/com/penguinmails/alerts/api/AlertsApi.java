package com.penguinmails.alerts.api;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.alerts.Alert;
import com.penguinmails.alerts.AlertEvent;
import com.penguinmails.alerts.Alerts;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Tenancy;

/**
 * The workspace's alerts: list, one with its incident timeline, acknowledge (stops the
 * escalation) and resolve. Scopes {@code alerts:read} and {@code alerts:write}; errors
 * are RFC 9457 problems.
 */
@RestController
@RequestMapping(path = "/api/v1/alerts", produces = "application/json")
@Tag(name = "Alerts", description = "Alerts with their incident timeline; acknowledge and resolve")
@SecurityRequirement(name = "apiKey")
class AlertsApi {

	/** The latest alerts, newest first. */
	record AlertList(List<Alert> alerts) {
	}

	/**
	 * One alert and its timeline (raised, notified, failed, held, escalated,
	 * acknowledged, resolved), oldest first.
	 */
	record AlertDetail(Alert alert, List<AlertEvent> timeline) {
	}

	private final Alerts alerts;

	private final Tenancy tenancy;

	AlertsApi(Alerts alerts, Tenancy tenancy) {
		this.alerts = alerts;
		this.tenancy = tenancy;
	}

	@GetMapping
	@Operation(summary = "The latest alerts, newest first: type, severity, title, body, status and who acknowledged")
	@ApiResponse(responseCode = "200", description = "The alerts")
	@ApiResponse(responseCode = "400", description = "limit outside 1 to 500")
	@ApiResponse(responseCode = "403", description = "The key lacks alerts:read")
	AlertList list(@RequestParam(defaultValue = "100") int limit) {
		if (limit < 1 || limit > 500) {
			throw new InvalidInputProblem("invalid-limit", "limit must be between 1 and 500.");
		}
		return new AlertList(alerts.list(tenancy.current(), limit));
	}

	@GetMapping("/{id:[0-9a-fA-F-]{36}}")
	@Operation(summary = "One alert with its incident timeline")
	@ApiResponse(responseCode = "200", description = "The alert and its timeline")
	@ApiResponse(responseCode = "404", description = "No such alert in this workspace")
	AlertDetail get(@PathVariable UUID id) {
		return new AlertDetail(alerts.find(tenancy.current(), id), alerts.timeline(tenancy.current(), id));
	}

	@PostMapping("/{id:[0-9a-fA-F-]{36}}/acknowledge")
	@Operation(summary = "Acknowledge an open alert: its escalation stops (idempotent)")
	@ApiResponse(responseCode = "200", description = "The alert as it is now")
	@ApiResponse(responseCode = "403", description = "The key lacks alerts:write, or a viewer's key")
	@ApiResponse(responseCode = "404", description = "No such alert in this workspace")
	Alert acknowledge(@PathVariable UUID id) {
		return alerts.acknowledge(tenancy.current(), id);
	}

	@PostMapping("/{id:[0-9a-fA-F-]{36}}/resolve")
	@Operation(summary = "Resolve an alert (idempotent)")
	@ApiResponse(responseCode = "200", description = "The alert as it is now")
	@ApiResponse(responseCode = "403", description = "The key lacks alerts:write, or a viewer's key")
	@ApiResponse(responseCode = "404", description = "No such alert in this workspace")
	Alert resolve(@PathVariable UUID id) {
		return alerts.resolve(tenancy.current(), id);
	}

}
