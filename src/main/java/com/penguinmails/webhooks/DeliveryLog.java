package com.penguinmails.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/** The shapes of the delivery log that {@link WebhookDeliveries} returns. */
public final class DeliveryLog {

	private DeliveryLog() {
	}

	/**
	 * What to look for in the log; every field may be null (no condition).
	 *
	 * @param endpointId one endpoint
	 * @param eventType a catalogue type's wire name ({@code message.bounced})
	 * @param status where deliveries stand
	 * @param httpStatus an HTTP status code any attempt got (100 to 599)
	 * @param text a part of the event id (the webhook-id) or of the event's payload, case
	 * ignored
	 * @param from deliveries created at or after
	 * @param to deliveries created before
	 */
	public record Search(UUID endpointId, String eventType, DeliveryStatus status, Integer httpStatus, String text,
			Instant from, Instant to) {

		/** No condition: every delivery. */
		public static final Search ALL = new Search(null, null, null, null, null, null, null);

	}

	/**
	 * One delivery: an event to an endpoint.
	 *
	 * @param id the delivery's id
	 * @param eventId the event's id, sent as {@code webhook-id}
	 * @param eventType the catalogue type's wire name
	 * @param endpointUrl where it goes
	 * @param attempts HTTP attempts so far (retries and replays included)
	 * @param lastStatusCode the last attempt's HTTP status, null when none answered
	 * @param lastError the last attempt's error (timeout, refused address, ...), or null
	 * @param nextAttemptAt when the next attempt is due (meaningful while pending)
	 * @param createdAt when the event was queued for the endpoint
	 * @param finishedAt when it was delivered, filtered out or failed for good, or null
	 */
	public record Delivery(UUID id, UUID eventId, String eventType, UUID endpointId, String endpointUrl,
			DeliveryStatus status, int attempts, Integer lastStatusCode, String lastError, Instant nextAttemptAt,
			Instant createdAt, Instant finishedAt) {
	}

	/**
	 * One HTTP attempt, as sent and as answered.
	 *
	 * @param attempt its number in the delivery (1-based)
	 * @param replay whether a person asked for it (a replay) rather than the schedule
	 * @param requestHeaders the headers sent, signatures included (they are not secrets)
	 * @param requestBody the body sent (after the endpoint's transformation)
	 * @param statusCode the HTTP status, null when no answer came (refused address,
	 * connection error, timeout, a filter or transformation error)
	 * @param responseHeaders the answer's headers, lower-case names, or null
	 * @param responseBody the answer body's first KB, or null
	 * @param error why it failed without an answer, or null
	 * @param durationMs from the request's start to the answer's first KB, milliseconds
	 */
	public record Attempt(UUID id, UUID deliveryId, int attempt, boolean replay, String url,
			Map<String, String> requestHeaders, String requestBody, Integer statusCode,
			Map<String, String> responseHeaders, String responseBody, String error, int durationMs,
			Instant attemptedAt) {
	}

	/** An endpoint as the log's search form lists it. */
	public record EndpointRef(UUID id, String url, boolean enabled) {
	}

	/** A delivery with its event's payload and every attempt, oldest first. */
	public record Detail(Delivery delivery, JsonNode payload, List<Attempt> attempts) {
	}

}
