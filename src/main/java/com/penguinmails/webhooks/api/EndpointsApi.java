package com.penguinmails.webhooks.api;

import java.net.URI;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.shared.CursorPage;
import com.penguinmails.shared.Tenancy;
import com.penguinmails.webhooks.EndpointRequest;
import com.penguinmails.webhooks.FilterTester;
import com.penguinmails.webhooks.WebhookEndpoint;
import com.penguinmails.webhooks.WebhookEndpoints;

/**
 * {@code /api/v1/webhooks/endpoints}: the workspace's webhook endpoints, their secrets
 * (returned once, at creation and rotation) and {@code /api/v1/webhooks/filters/test}.
 */
@RestController
@RequestMapping(path = "/api/v1/webhooks", produces = "application/json")
@Tag(name = "Webhooks: endpoints",
		description = "Where events go (Standard Webhooks): URL, event types, a CEL filter, a JSLT transformation, "
				+ "signing secrets shown once and rotated with a grace period")
@SecurityRequirement(name = "apiKey")
class EndpointsApi {

	/**
	 * A rotation: how long the previous secret keeps signing (0–168 hours, default 24).
	 */
	record RotateRequest(Integer keepHours) {
	}

	private final WebhookEndpoints endpoints;

	private final FilterTester tester;

	private final Tenancy tenancy;

	EndpointsApi(WebhookEndpoints endpoints, FilterTester tester, Tenancy tenancy) {
		this.endpoints = endpoints;
		this.tester = tester;
		this.tenancy = tenancy;
	}

	@GetMapping("/endpoints")
	@Operation(summary = "The workspace's endpoints (REST hooks too), oldest first; secrets only as a hint")
	CursorPage<WebhookEndpoint> list() {
		return CursorPage.of(endpoints.list(tenancy.current()));
	}

	@PostMapping(path = "/endpoints", consumes = "application/json")
	@Operation(summary = "Create an endpoint; the answer carries its whsec_ secret, this once")
	@ResponseStatus(HttpStatus.CREATED)
	ResponseEntity<WebhookEndpoints.Created> create(@RequestBody EndpointRequest request) {
		WebhookEndpoints.Created created = endpoints.create(tenancy.current(), request);
		return ResponseEntity.created(URI.create("/api/v1/webhooks/endpoints/" + created.endpoint().id()))
			.body(created);
	}

	@GetMapping("/endpoints/{id}")
	@Operation(summary = "One endpoint")
	WebhookEndpoint get(@PathVariable UUID id) {
		return endpoints.get(tenancy.current(), id);
	}

	@PatchMapping(path = "/endpoints/{id}", consumes = "application/json")
	@Operation(summary = "Change an endpoint: the fields given; signEd25519 true makes a key pair, false stops it")
	WebhookEndpoint update(@PathVariable UUID id, @RequestBody EndpointRequest request) {
		return endpoints.update(tenancy.current(), id, request);
	}

	@DeleteMapping("/endpoints/{id}")
	@Operation(summary = "Delete an endpoint with its deliveries and their log")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable UUID id) {
		endpoints.delete(tenancy.current(), id);
	}

	@PostMapping(path = "/endpoints/{id}/rotate-secret")
	@Operation(summary = "A new secret, returned this once; the previous one keeps signing for keepHours (default 24)")
	WebhookEndpoints.Rotated rotate(@PathVariable UUID id, @RequestBody(required = false) RotateRequest request) {
		return endpoints.rotate(tenancy.current(), id, request == null ? null : request.keepHours());
	}

	@PostMapping("/endpoints/{id}/enable")
	@Operation(summary = "Send events again; clears why it was disabled and since when it failed")
	WebhookEndpoint enable(@PathVariable UUID id) {
		return endpoints.enable(tenancy.current(), id);
	}

	@PostMapping("/endpoints/{id}/disable")
	@Operation(summary = "Stop sending events to the endpoint until it is enabled")
	WebhookEndpoint disable(@PathVariable UUID id) {
		return endpoints.disable(tenancy.current(), id);
	}

	@PostMapping(path = "/filters/test", consumes = "application/json")
	@Operation(summary = "Try a filter and a transformation on a type's sample event or a pasted event; "
			+ "nothing is saved or sent")
	@ApiResponse(responseCode = "200",
			description = "Whether it matched and the body that would be sent, or the filter's or transformation's error")
	FilterTester.Outcome test(@RequestBody FilterTester.Trial trial) {
		return tester.test(tenancy.current(), trial);
	}

}
