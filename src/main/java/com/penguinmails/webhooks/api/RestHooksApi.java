package com.penguinmails.webhooks.api;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.shared.Tenancy;
import com.penguinmails.webhooks.RestHooks;
import com.penguinmails.webhooks.WebhookEndpoints;

/**
 * {@code /api/v1/hooks}: REST hooks as Zapier, Make and n8n use them
 * (https://resthooks.org): subscribe a target URL to one event type, unsubscribe, list,
 * and sample payloads for a trigger's setup. Field names are snake_case, as those
 * platforms expect.
 */
@RestController
@RequestMapping(path = "/api/v1/hooks", produces = "application/json")
@Tag(name = "Webhooks: REST hooks",
		description = "Zapier/Make/n8n-style subscriptions: one target URL, one event type, signed like any endpoint")
@SecurityRequirement(name = "apiKey")
class RestHooksApi {

	/** A subscription request. */
	record Subscribe(@JsonProperty("target_url") String targetUrl, String event) {
	}

	/**
	 * A subscription; {@code secret} only in the answer to the subscribe call.
	 */
	record Hook(UUID id, @JsonProperty("target_url") String targetUrl, String event, boolean enabled,
			@JsonProperty("created_at") Instant createdAt, String secret) {

		static Hook of(RestHooks.Hook hook, String secret) {
			return new Hook(hook.id(), hook.targetUrl(), hook.event(), hook.enabled(), hook.createdAt(), secret);
		}

	}

	private final RestHooks hooks;

	private final Tenancy tenancy;

	RestHooksApi(RestHooks hooks, Tenancy tenancy) {
		this.hooks = hooks;
		this.tenancy = tenancy;
	}

	@PostMapping(consumes = "application/json")
	@Operation(summary = "Subscribe target_url to one event type; the answer's id unsubscribes, its secret "
			+ "(returned this once) verifies the signatures")
	@ResponseStatus(HttpStatus.CREATED)
	ResponseEntity<Hook> subscribe(@RequestBody Subscribe request) {
		WebhookEndpoints.Created created = hooks.subscribe(tenancy.current(), request.targetUrl(), request.event());
		Hook hook = Hook.of(new RestHooks.Hook(created.endpoint().id(), created.endpoint().url(),
				created.endpoint().eventTypes().get(0), created.endpoint().enabled(), created.endpoint().createdAt()),
				created.secret());
		return ResponseEntity.created(URI.create("/api/v1/hooks/" + hook.id())).body(hook);
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Unsubscribe: delete a REST hook (endpoints made otherwise are not touched)")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void unsubscribe(@PathVariable UUID id) {
		hooks.unsubscribe(tenancy.current(), id);
	}

	@GetMapping
	@Operation(summary = "The workspace's REST hooks, oldest first")
	List<Hook> list() {
		return hooks.list(tenancy.current()).stream().map(h -> Hook.of(h, null)).toList();
	}

	@GetMapping("/samples/{event}")
	@Operation(summary = "Sample payloads of an event type: up to 3 recent real events, newest first, "
			+ "else the catalogue's sample (a JSON array, as Zapier's perform list expects)")
	List<JsonNode> samples(
			@Parameter(description = "The event type's wire name, e.g. message.replied") @PathVariable String event) {
		return hooks.samples(tenancy.current(), event);
	}

}
