package com.penguinmails.webhooks;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import com.penguinmails.shared.CursorPage;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;
import com.penguinmails.webhooks.internal.delivery.DeliveryLogRepository;

/**
 * Deliveries of events to endpoints, as people see them: the delivery log (every
 * attempt), replays one by one or by time range, and test events. Reading needs a viewer
 * ({@code webhooks:read}); replays and tests an admin ({@code webhooks:write}). A replay
 * sends the same event again with the same {@code webhook-id} (Standard Webhooks: the
 * receiver's idempotency key) at the senders' next round, within a second.
 */
@Service
public class WebhookDeliveries {

	/** The most deliveries one page of the log holds. */
	public static final int MAX_PAGE = 200;

	private final DeliveryLogRepository log;

	private final EventCatalogue catalogue;

	private final ObjectMapper json;

	private final Clock clock;

	WebhookDeliveries(DeliveryLogRepository log, EventCatalogue catalogue, ObjectMapper json, Clock clock) {
		this.log = log;
		this.catalogue = catalogue;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * One page of the delivery log, newest first.
	 * @param cursor the previous page's {@code nextCursor}, or null for the first page
	 * @param limit 1 to {@link #MAX_PAGE}
	 * @throws InvalidInputProblem for a malformed cursor or a limit out of range
	 */
	public CursorPage<DeliveryLog.Delivery> search(Tenant tenant, DeliveryLog.Search search, String cursor, int limit) {
		tenant.require(WorkspaceRole.VIEWER, "webhooks:read");
		int size = CursorPage.limit(limit, MAX_PAGE);
		List<DeliveryLog.Delivery> rows = log.search(tenant.workspaceId(), search, CursorPage.Position.parse(cursor),
				size + 1);
		return CursorPage.of(rows, size, d -> new CursorPage.Position(d.createdAt(), d.id()));
	}

	/**
	 * One delivery with its event's payload and every attempt (request and response).
	 * @throws NotFoundProblem when the workspace has no such delivery
	 */
	public DeliveryLog.Detail detail(Tenant tenant, UUID deliveryId) {
		tenant.require(WorkspaceRole.VIEWER, "webhooks:read");
		DeliveryLog.Delivery delivery = found(tenant, deliveryId);
		String payload = log.payload(tenant.workspaceId(), delivery.eventId()).orElse("{}");
		try {
			return new DeliveryLog.Detail(delivery, json.readTree(payload),
					log.attempts(tenant.workspaceId(), deliveryId));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Sends a delivery again now (same {@code webhook-id}), logged as a replay; a replay
	 * that fails is not retried.
	 * @throws NotFoundProblem when the workspace has no such delivery
	 * @throws InvalidInputProblem 409 when its endpoint is disabled or it is being sent
	 * right now
	 */
	public DeliveryLog.Delivery replay(Tenant tenant, UUID deliveryId) {
		tenant.require(WorkspaceRole.ADMIN, "webhooks:write");
		DeliveryLog.Delivery delivery = found(tenant, deliveryId);
		requireEnabled(tenant, delivery.endpointId());
		if (!log.replay(tenant.workspaceId(), deliveryId, clock.instant())) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "delivery-in-flight",
					"This delivery is being sent right now; replay it once the attempt is logged.");
		}
		return found(tenant, deliveryId);
	}

	/**
	 * Replays an endpoint's deliveries created in [{@code from}, {@code to}): the failed
	 * ones only, or every delivered and failed one.
	 * @return how many will be sent again
	 * @throws NotFoundProblem when the workspace has no such endpoint
	 * @throws InvalidInputProblem when {@code from} is not before {@code to} (400) or the
	 * endpoint is disabled (409)
	 */
	public int replayRange(Tenant tenant, UUID endpointId, Instant from, Instant to, boolean onlyFailed) {
		tenant.require(WorkspaceRole.ADMIN, "webhooks:write");
		if (from == null || to == null || !from.isBefore(to)) {
			throw new InvalidInputProblem("invalid-range", "from must be before to (both ISO 8601 instants).");
		}
		requireEnabled(tenant, endpointId);
		return log.replayRange(tenant.workspaceId(), endpointId, from, to, onlyFailed, clock.instant());
	}

	/**
	 * Sends the type's sample event to one endpoint now (through the outbox, signed and
	 * logged like any event, ignoring the endpoint's event types and filter): a new event
	 * with dedupe key {@code test:<uuid>}.
	 * @return the delivery's id
	 * @throws NotFoundProblem when the workspace has no such endpoint
	 * @throws InvalidInputProblem 409 when the endpoint is disabled
	 */
	public UUID sendTest(Tenant tenant, UUID endpointId, EventType type) {
		tenant.require(WorkspaceRole.ADMIN, "webhooks:write");
		requireEnabled(tenant, endpointId);
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		ObjectNode payload = catalogue.sample(type);
		payload.put("timestamp", now.toString());
		// Marked, so a receiver never acts on a sample (a pause, a bounce) as if it
		// happened:
		// "test": true beside type/timestamp/data, and the caller's own workspace id.
		payload.put("test", true);
		if (payload.path("data").isObject()) {
			((ObjectNode) payload.get("data")).put("workspace_id", tenant.workspaceId().toString());
		}
		try {
			return log.insertTest(tenant.workspaceId(), endpointId, type.type(), json.writeValueAsString(payload), now);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The workspace's endpoints (id and URL), for the log's search form. */
	public List<DeliveryLog.EndpointRef> endpoints(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "webhooks:read");
		return log.endpoints(tenant.workspaceId());
	}

	private DeliveryLog.Delivery found(Tenant tenant, UUID deliveryId) {
		return log.delivery(tenant.workspaceId(), deliveryId).orElseThrow(() -> new NotFoundProblem("Delivery"));
	}

	private void requireEnabled(Tenant tenant, UUID endpointId) {
		boolean enabled = log.endpointEnabled(tenant.workspaceId(), endpointId)
			.orElseThrow(() -> new NotFoundProblem("Endpoint"));
		if (!enabled) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "endpoint-disabled",
					"The endpoint is disabled: enable it on its page first.");
		}
	}

}
