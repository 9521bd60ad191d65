package com.penguinmails.webhooks.api;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.shared.CursorPage;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Tenancy;
import com.penguinmails.webhooks.DeliveryLog;
import com.penguinmails.webhooks.DeliveryStatus;
import com.penguinmails.webhooks.EventType;
import com.penguinmails.webhooks.WebhookDeliveries;

/**
 * The webhook delivery log (every attempt, request and response), replays one by one or
 * by time range, and test events. Replays keep the event's {@code webhook-id} (Standard
 * Webhooks: the receiver's idempotency key).
 */
@RestController
@RequestMapping(path = "/api/v1/webhooks", produces = "application/json")
@Tag(name = "Webhooks: deliveries",
		description = "The delivery log with search, one delivery's attempts, replays and test events")
@SecurityRequirement(name = "apiKey")
class DeliveriesApi {

	/**
	 * A replay of an endpoint's deliveries by time range.
	 *
	 * @param from deliveries created at or after (ISO 8601)
	 * @param to deliveries created before (ISO 8601)
	 * @param onlyFailed true: only the failed ones; false: delivered and failed ones
	 */
	record ReplayRangeRequest(Instant from, Instant to, @JsonProperty("only_failed") Boolean onlyFailed) {
	}

	/** How many deliveries a range replay queued. */
	record ReplayRangeResult(int replayed) {
	}

	/**
	 * A test event.
	 *
	 * @param type the catalogue type's wire name, e.g. {@code message.bounced}
	 */
	record TestRequest(String type) {
	}

	/** The test event's delivery. */
	record TestResult(UUID deliveryId) {
	}

	private final WebhookDeliveries deliveries;

	private final Tenancy tenancy;

	DeliveriesApi(WebhookDeliveries deliveries, Tenancy tenancy) {
		this.deliveries = deliveries;
		this.tenancy = tenancy;
	}

	@GetMapping("/deliveries")
	@Operation(summary = "The delivery log, newest first; pass nextCursor back as cursor for older ones "
			+ "(a malformed cursor, status, event type or a limit out of 1 to 200: 400)")
	CursorPage<DeliveryLog.Delivery> search(
			@Parameter(description = "Only this endpoint's") @RequestParam(name = "endpoint_id",
					required = false) UUID endpointId,
			@Parameter(description = "Only this event type, e.g. message.bounced") @RequestParam(name = "event_type",
					required = false) String eventType,
			@Parameter(description = "pending, delivered, filtered or failed") @RequestParam(
					required = false) String status,
			@Parameter(description = "An HTTP status code any attempt of the delivery got") @RequestParam(
					name = "http_status", required = false) Integer httpStatus,
			@Parameter(description = "Text in the event id (webhook-id) or the payload") @RequestParam(
					required = false) String q,
			@Parameter(description = "Created at or after (ISO 8601)") @RequestParam(required = false) @DateTimeFormat(
					iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
			@Parameter(description = "Created before (ISO 8601)") @RequestParam(required = false) @DateTimeFormat(
					iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
			@Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor,
			@Parameter(description = "1 to 200") @RequestParam(defaultValue = "50") int limit) {
		DeliveryLog.Search search = new DeliveryLog.Search(endpointId, eventType(eventType), status(status),
				httpStatus(httpStatus), q, from, to);
		return deliveries.search(tenancy.current(), search, cursor, limit);
	}

	@GetMapping("/deliveries/{id}")
	@Operation(summary = "One delivery with its event's payload and every attempt: request headers (signatures "
			+ "included) and body, response status, headers, first KB of the body, duration")
	@ApiResponse(responseCode = "404", description = "No such delivery in the workspace")
	DeliveryLog.Detail delivery(@PathVariable UUID id) {
		return deliveries.detail(tenancy.current(), id);
	}

	@PostMapping("/deliveries/{id}/replay")
	@Operation(summary = "Send a delivery again now, with the same webhook-id; logged as a replay, not retried")
	@ApiResponse(responseCode = "404", description = "No such delivery in the workspace")
	@ApiResponse(responseCode = "409", description = "Its endpoint is disabled, or it is being sent right now")
	DeliveryLog.Delivery replay(@PathVariable UUID id) {
		return deliveries.replay(tenancy.current(), id);
	}

	@PostMapping(path = "/endpoints/{id}/replay", consumes = "application/json")
	@Operation(summary = "Replay an endpoint's deliveries created in [from, to): only the failed ones "
			+ "(only_failed, the default) or every delivered and failed one; returns how many")
	@ApiResponse(responseCode = "400", description = "from or to missing, or from not before to")
	@ApiResponse(responseCode = "404", description = "No such endpoint in the workspace")
	@ApiResponse(responseCode = "409", description = "The endpoint is disabled")
	ReplayRangeResult replayRange(@PathVariable UUID id, @RequestBody ReplayRangeRequest request) {
		boolean onlyFailed = request.onlyFailed() == null || request.onlyFailed();
		return new ReplayRangeResult(
				deliveries.replayRange(tenancy.current(), id, request.from(), request.to(), onlyFailed));
	}

	@PostMapping(path = "/endpoints/{id}/test", consumes = "application/json")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Send the type's sample event to this endpoint now (ignoring its event types and filter)")
	@ApiResponse(responseCode = "400", description = "No such event type")
	@ApiResponse(responseCode = "404", description = "No such endpoint in the workspace")
	@ApiResponse(responseCode = "409", description = "The endpoint is disabled")
	TestResult test(@PathVariable UUID id, @RequestBody TestRequest request) {
		EventType type = EventType.of(request.type() == null ? "" : request.type())
			.orElseThrow(() -> unknownType(request.type()));
		return new TestResult(deliveries.sendTest(tenancy.current(), id, type));
	}

	private static String eventType(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		return EventType.of(value.strip()).orElseThrow(() -> unknownType(value)).type();
	}

	private static DeliveryStatus status(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return DeliveryStatus.of(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputProblem("invalid-status",
					"status must be one of pending, delivered, filtered, failed.");
		}
	}

	private static Integer httpStatus(Integer value) {
		if (value != null && (value < 100 || value > 599)) {
			throw new InvalidInputProblem("invalid-http-status", "http_status must be between 100 and 599.");
		}
		return value;
	}

	private static InvalidInputProblem unknownType(String value) {
		return new InvalidInputProblem("unknown-event-type",
				"No event type \"" + value + "\" in the catalogue (GET /api/v1/webhooks/event-types lists them).");
	}

}
