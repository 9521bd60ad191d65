package com.penguinmails.webhooks.internal.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.internal.endpoints.EndpointSettings;
import com.penguinmails.webhooks.internal.filter.EventFilter;
import com.penguinmails.webhooks.internal.filter.ExpressionException;
import com.penguinmails.webhooks.internal.filter.PayloadTransform;

/**
 * Sends due deliveries: claims them ({@link SenderStore#claim}: SKIP LOCKED, a lease,
 * per-key order), then for each one applies the endpoint's filter and transformation,
 * signs (Standard Webhooks), POSTs through {@link GuardedHttp} and records the attempt
 * and its outcome (2xx delivered; 410 disables the endpoint; otherwise the
 * {@link RetrySchedule}). Up to {@code concurrency} requests are in flight at once. Any
 * number of senders (threads, nodes) may run on one database: a delivery is claimed by
 * one of them at a time.
 */
@Component
class WebhookSender implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

	/**
	 * The endpoint, its secrets and whether it may be sent to; read once and kept
	 * {@link #TARGET_TTL_NANOS} (a disabling or a rotation shows within a second).
	 */
	private record Target(SenderStore.Endpoint endpoint, List<Signatures.LiveSecret> secrets, long readAt) {
	}

	private static final long TARGET_TTL_NANOS = 1_000_000_000L;

	private final Map<UUID, Optional<Target>> targets = new ConcurrentHashMap<>();

	private final SenderStore store;

	private final GuardedHttp http;

	private final EventFilter filter;

	private final PayloadTransform transform;

	private final EndpointDisabler disabler;

	private final OutcomeWriter writer;

	private final WebhookDeliveryProperties properties;

	private final EndpointSettings settings;

	private final ObjectMapper json;

	private final ExecutorService workers;

	private final AtomicInteger inFlight = new AtomicInteger();

	WebhookSender(SenderStore store, GuardedHttp http, EventFilter filter, PayloadTransform transform,
			EndpointDisabler disabler, OutcomeWriter writer, WebhookDeliveryProperties properties,
			EndpointSettings settings, ObjectMapper json) {
		this.store = store;
		this.settings = settings;
		this.http = http;
		this.filter = filter;
		this.transform = transform;
		this.disabler = disabler;
		this.writer = writer;
		this.properties = properties;
		this.json = json;
		AtomicInteger threads = new AtomicInteger();
		this.workers = Executors.newFixedThreadPool(Math.max(1, properties.concurrency()), r -> {
			Thread thread = new Thread(r, "webhook-sender-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * One round: claims what is due at {@code now} (a batch at most), sends it and waits
	 * until every attempt is recorded.
	 * @return how many deliveries it claimed
	 */
	int round(Instant now) {
		List<CompletableFuture<Void>> running = start(now, properties.batchSize());
		CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
		return running.size();
	}

	/**
	 * Claims up to {@code max} due deliveries and starts sending them without waiting.
	 * @return one future per claimed delivery, done when its attempt is recorded
	 */
	List<CompletableFuture<Void>> start(Instant now, int max) {
		if (max <= 0) {
			return List.of();
		}
		List<SenderStore.Claimed> claimed = store.claim(now, now.plus(properties.lease()), max);
		long readSince = System.nanoTime() - TARGET_TTL_NANOS;
		targets.values().removeIf(t -> t.isEmpty() || t.get().readAt() < readSince);
		List<CompletableFuture<Void>> running = new ArrayList<>(claimed.size());
		for (SenderStore.Claimed delivery : claimed) {
			inFlight.incrementAndGet();
			CompletableFuture<Void> sent = CompletableFuture.supplyAsync(() -> send(delivery, now), workers)
				.thenCompose(writer::submit)
				.exceptionally(ex -> {
					// The lease runs out and another round tries again.
					log.warn("Webhook delivery {} failed unexpectedly: {}", delivery.id(), ex.toString());
					return null;
				})
				.whenComplete((ok, ex) -> inFlight.decrementAndGet());
			running.add(sent);
		}
		return running;
	}

	/** How many claimed deliveries are being sent now. */
	int inFlight() {
		return inFlight.get();
	}

	/** Sends one delivery; returns the write that records what happened. */
	private Runnable send(SenderStore.Claimed delivery, Instant now) {
		Optional<Target> found = targets.computeIfAbsent(delivery.endpointId(), id -> store.endpoint(id)
			.map(e -> new Target(e, e.enabled() ? store.liveSecrets(id, now) : List.of(), System.nanoTime())));
		if (found.isEmpty() || !found.get().endpoint().enabled()) {
			return () -> store.finishedUnsent(delivery, "failed", "endpoint disabled", now);
		}
		SenderStore.Endpoint endpoint = found.get().endpoint();
		if (!settings.allowHttp() && !endpoint.url().regionMatches(true, 0, "https://", 0, 8)) {
			// The setting may have been turned off after the endpoint was saved with
			// http://.
			return notSent(delivery, endpoint, "Not sent: plain http:// is not allowed on this installation "
					+ "(PENGUINMAILS_WEBHOOKS_ALLOW_HTTP). Change the URL to https:// and replay.", now);
		}
		String body;
		try {
			JsonNode payload = json.readTree(delivery.payload());
			if (!delivery.test() && !filter.matches(endpoint.filter(), payload)) {
				return () -> store.finishedUnsent(delivery, "filtered", null, now);
			}
			body = json.writeValueAsString(transform.apply(endpoint.transform(), payload));
		}
		catch (ExpressionException ex) {
			// The endpoint's own filter or transformation, not the receiver: sending
			// again
			// would fail the same way, so the delivery fails now and the endpoint is not
			// counted as failing.
			return notSent(delivery, endpoint,
					"Not sent: the endpoint's filter or transformation failed on this event (" + ex.getMessage()
							+ "). Fix it, then replay.",
					now);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("A stored payload is not JSON", ex);
		}
		// Standard Webhooks: webhook-id is the event's id, the same on every retry and
		// replay; webhook-timestamp is this attempt's.
		Map<String, String> headers = Signatures.headers(delivery.eventId().toString(), now.getEpochSecond(), body,
				found.get().secrets());
		GuardedHttp.Outcome outcome = http.post(endpoint.url(), headers, body);
		return () -> outcome(new SenderStore.Attempt(delivery, endpoint.url(), headers, body, outcome, now), endpoint);
	}

	/**
	 * A delivery that cannot be sent as the endpoint stands: logged as an attempt without
	 * an HTTP answer and failed at once, not retried (a person fixes the endpoint and
	 * replays).
	 */
	private Runnable notSent(SenderStore.Claimed delivery, SenderStore.Endpoint endpoint, String why, Instant now) {
		GuardedHttp.Outcome failed = new GuardedHttp.Outcome(null, null, null, why, 0);
		return () -> store.attempted(new SenderStore.Attempt(delivery, endpoint.url(), Map.of(), "", failed, now),
				"failed", null);
	}

	private void outcome(SenderStore.Attempt attempt, SenderStore.Endpoint endpoint) {
		GuardedHttp.Outcome outcome = attempt.outcome();
		Instant now = attempt.at();
		SenderStore.Claimed delivery = attempt.delivery();
		if (outcome.success()) {
			store.attempted(attempt, "delivered", null);
			// From the database, not the cached endpoint: it may have failed since.
			store.endpointSucceeded(endpoint.id());
			return;
		}
		if (Integer.valueOf(410).equals(outcome.status())) {
			// 410 Gone: the receiver says the endpoint is no more.
			store.attempted(attempt, "failed", null);
			disabler.disable(endpoint, "The endpoint answered 410 Gone.", now);
			return;
		}
		Optional<Instant> next = delivery.replay() ? Optional.empty() : RetrySchedule.next(delivery.attempts() + 1, now,
				retryAfter(outcome, now), () -> ThreadLocalRandom.current().nextDouble());
		store.attempted(attempt, next.isPresent() ? "pending" : "failed", next.orElse(null));
		Instant failingSince = store.endpointFailed(endpoint.id(), now);
		if (!failingSince.isAfter(now.minus(properties.disableAfter()))) {
			disabler.disable(endpoint, "Every attempt failed for " + properties.disableAfter().toDays()
					+ " days (since " + failingSince + ").", now);
		}
	}

	private static Duration retryAfter(GuardedHttp.Outcome outcome, Instant now) {
		Integer status = outcome.status();
		if (status == null || (status != 429 && status != 503) || outcome.headers() == null) {
			return null;
		}
		// A 429 without Retry-After still waits at least the schedule's own delay.
		Duration none = status == 429 ? Duration.ZERO : null;
		return RetrySchedule.retryAfter(outcome.headers().get("retry-after"), now).orElse(none);
	}

	@Override
	public void destroy() {
		workers.shutdownNow();
	}

}
