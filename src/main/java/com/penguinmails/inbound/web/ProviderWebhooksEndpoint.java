package com.penguinmails.inbound.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.inbound.ProviderWebhooks;

/**
 * Where Postmark, Mailgun and SNS (for SES) post their events: no session and no CSRF
 * token (machines post here; the URL token and each provider's signature are the
 * credentials). Refusals and malformed bodies are RFC 9457 problem bodies.
 */
@RestController
class ProviderWebhooksEndpoint {

	private static final int MAX_BODY = 1_000_000;

	private final ProviderWebhooks webhooks;

	ProviderWebhooksEndpoint(ProviderWebhooks webhooks) {
		this.webhooks = webhooks;
	}

	@PostMapping(path = "/webhooks/providers/{provider}/{token}", produces = "application/json")
	ResponseEntity<Object> receive(@PathVariable String provider, @PathVariable String token,
			@RequestHeader(name = "Authorization", required = false) String authorization,
			@RequestBody(required = false) String body) {
		if (body == null || body.isBlank() || body.length() > MAX_BODY) {
			return problem(400, "malformed-event", "Send the provider's JSON event (at most 1 MB).", provider);
		}
		ProviderWebhooks.Received received = webhooks.receive(provider, token, authorization, body);
		if (received.status() == 200) {
			return ResponseEntity.ok(java.util.Map.of("outcome", received.detail()));
		}
		return problem(received.status(), received.type(), received.detail(), provider);
	}

	private static ResponseEntity<Object> problem(int status, String type, String detail, String provider) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status), detail);
		body.setType(URI.create("https://penguinmails.dev/problems/" + type));
		body.setTitle(HttpStatus.valueOf(status).getReasonPhrase());
		body.setInstance(URI.create("/webhooks/providers/" + provider.replaceAll("[^a-z]", "")));
		return ResponseEntity.status(status)
			.contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
			.body(body);
	}

}
