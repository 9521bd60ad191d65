package com.penguinmails.inbound.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.inbound.ProviderWebhooks;
import com.penguinmails.mailboxes.ProviderProperties;

/**
 * Where Postmark, Mailgun and SNS (for SES) post their events: no session and no CSRF
 * token (machines post here; the URL token and each provider's signature are the
 * credentials). Refusals and malformed bodies are RFC 9457 problem bodies. Each endpoint
 * (one provider's URL of one workspace) has a token bucket shared by all nodes
 * ({@code penguinmails.providers.webhook-rate-per-second} and {@code webhook-burst}): an
 * empty bucket answers 429 with {@code Retry-After} (RFC 9110 §10.2.3) before the body is
 * looked at, and nothing of the request is stored.
 */
@RestController
class ProviderWebhooksEndpoint {

	private static final int MAX_BODY = 1_000_000;

	private final ProviderWebhooks webhooks;

	private final ProxyManager<String> buckets;

	private final BucketConfiguration limit;

	private final int perSecond;

	private final int burst;

	ProviderWebhooksEndpoint(ProviderWebhooks webhooks, ProxyManager<String> buckets, ProviderProperties properties) {
		this.webhooks = webhooks;
		this.buckets = buckets;
		this.perSecond = properties.webhookRatePerSecond();
		this.burst = properties.webhookBurst();
		this.limit = BucketConfiguration.builder()
			.addLimit(bandwidth -> bandwidth.capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)))
			.build();
	}

	@PostMapping(path = "/webhooks/providers/{provider}/{token}", produces = "application/json")
	ResponseEntity<Object> receive(@PathVariable String provider, @PathVariable String token,
			@RequestHeader(name = "Authorization", required = false) String authorization,
			@RequestBody(required = false) String body) {
		ConsumptionProbe probe = buckets.getProxy(bucket(provider, token), () -> limit).tryConsumeAndReturnRemaining(1);
		if (!probe.isConsumed()) {
			long retryAfter = Math.max(1, (long) Math.ceil(probe.getNanosToWaitForRefill() / 1_000_000_000.0));
			ResponseEntity<Object> refused = problem(
					429, "rate-limited", "This webhook address received more than " + perSecond
							+ " requests per second (burst " + burst + "). Retry after " + retryAfter + " s.",
					provider);
			return ResponseEntity.status(429)
				.headers(refused.getHeaders())
				.header("Retry-After", String.valueOf(retryAfter))
				.body(refused.getBody());
		}
		if (body == null || body.isBlank() || body.length() > MAX_BODY) {
			return problem(400, "malformed-event", "Send the provider's JSON event (at most 1 MB).", provider);
		}
		ProviderWebhooks.Received received = webhooks.receive(provider, token, authorization, body);
		if (received.status() == 200) {
			return ResponseEntity.ok(java.util.Map.of("outcome", received.detail()));
		}
		return problem(received.status(), received.type(), received.detail(), provider);
	}

	/**
	 * The bucket's key: the provider and a digest of the URL token (the token itself is a
	 * credential and is not stored).
	 */
	private static String bucket(String provider, String token) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
			return "provider-webhook:" + provider.replaceAll("[^a-z]", "") + ":"
					+ HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
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
